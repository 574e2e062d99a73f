import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO, demoSeedSql } from "./lib/demo-data";
import { demoHistorySql, HISTORY_DAYS } from "./lib/demo-history";
import { wrangler } from "./lib/wrangler";

/**
 * `npm run seed [-- --persist-to DIR] [--history]`: the demo workspace in the local D1, and with
 * `--history` 60 days of report figures (SPEC §11). Safe to run again. `ports`: the local ports
 * (localhost and 127.0.0.1) whose pages the demo site lets in, beside its own origins.
 */
export async function seedLocal(options: { persistTo?: string | undefined; ports?: number[]; history?: boolean } = {}): Promise<void> {
  const { persistTo, ports } = options;
  const directory = mkdtempSync(join(tmpdir(), "parley-seed-"));
  try {
    const file = join(directory, "seed.sql");
    const history = options.history ? `\n${demoHistorySql(Date.now())}` : "";
    writeFileSync(file, (await demoSeedSql({ ports })) + history);
    const args = ["d1", "execute", "DB", "--local", "--file", file];
    if (persistTo) args.push("--persist-to", persistTo);
    await wrangler(args, { quiet: true });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? "")) {
  const index = process.argv.indexOf("--persist-to");
  const history = process.argv.includes("--history");
  await seedLocal({ persistTo: index > 0 ? process.argv[index + 1] : undefined, ports: [Number(process.env.PORT ?? 8787)], history });
  console.log(`Seeded workspace "Demo": site key "${DEMO.siteKey}", ${DEMO.faqs.length} FAQs, agents ${DEMO.agents.map((a) => a.email).join(" and ")} (password ${DEMO.password}).`);
  if (history) console.log(`Added ${HISTORY_DAYS} days of report figures (kept where they were already seeded).`);
}
