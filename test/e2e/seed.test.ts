import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/wrangler";
import { migratedCopy } from "./support/dev-server";

const run = promisify(execFile);

describe("npm run seed", () => {
  // A temporary directory of the run's own: other test runs on this machine use the shared one.
  let temp: string;
  let persistTo: string;

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), "parley-e2e-tmp-"));
    persistTo = await migratedCopy();
  });

  afterAll(() => {
    for (const directory of [temp, persistTo]) if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it("seeds the demo workspace and leaves no temporary directory behind", async () => {
    const { stdout } = await run("npm", ["run", "seed", "--silent", "--", "--persist-to", persistTo], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: temp, WRANGLER_SEND_METRICS: "false" },
    });
    expect(stdout).toContain('Seeded workspace "Demo"');
    expect(readdirSync(temp).filter((name) => name.startsWith("parley-seed-"))).toEqual([]);
  });
});
