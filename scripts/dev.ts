import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { DEMO } from "./lib/demo-data";
import { createDemoTraffic } from "./lib/demo-traffic";
import { ROOT, startWranglerDev, stopProcess, wrangler } from "./lib/wrangler";
import { seedLocal } from "./seed";

/**
 * `npm run dev`: everything a newcomer needs, in order. Local secrets, a fresh build of the
 * widget and dashboard, local D1 migrations and demo data, then `wrangler dev`.
 */
const port = Number(process.env.PORT ?? 8787);

const devVars = join(ROOT, ".dev.vars");
if (!existsSync(devVars)) {
  copyFileSync(join(ROOT, ".dev.vars.example"), devVars);
  console.log("Created .dev.vars from .dev.vars.example (local secrets).");
}

console.log("Building the widget and the dashboard…");
const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log("Applying D1 migrations to the local database…");
await wrangler(["d1", "migrations", "apply", "DB", "--local"], { quiet: true });
await seedLocal({ ports: [port] });

const { child: server } = await startWranglerDev({ port, inherit: true });
const base = `http://localhost:${port}`;
await createDemoTraffic(base).catch((error: unknown) => console.warn(`Demo conversations were not created: ${String(error)}`));
console.log(`
  Parley is running.

  Shop demo with the widget   ${base}/
  Widget JS API demo          ${base}/demo/api
  Agent dashboard             ${base}/dashboard
  Health                      ${base}/health

  Demo logins (local only)    ${DEMO.agents.map((a) => `${a.email} (${a.role})`).join(", ")}
  Password                    ${DEMO.password}
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void stopProcess(server).then(() => process.exit(0));
  });
}
server.on("exit", (code) => process.exit(code ?? 0));
