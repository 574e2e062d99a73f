import { spawn } from "node:child_process";
import { ROOT } from "../../scripts/lib/wrangler";

/**
 * D1 rows written and AgentLobby calls per message, which `wrangler dev` does not show from
 * outside. test/worker/write-cost.test.ts meters both inside workerd (test/worker/cost-meter.ts
 * wraps the D1 binding's `_send` and spies on the lobby's RPC methods) and prints a table; the
 * bench runs that test and reads the table, so the figures are the test's own, per path.
 */
export interface PathCost {
  path: string;
  /** Inside one message's round trip. */
  d1RowsInside: number;
  lobbyCallsInside: number;
  /** Per message over 25, coalesced reports included. */
  d1RowsPerMessage: number;
  lobbyCallsPerMessage: number;
}

export type WriteCost = { ok: true; paths: PathCost[] } | { ok: false; error: string };

const ROW = /^(.+?) \| (\d+(?:\.\d+)?), (\d+(?:\.\d+)?) \| (\d+(?:\.\d+)?), (\d+(?:\.\d+)?)$/;

export function parseWriteCostTable(output: string): PathCost[] {
  const paths: PathCost[] = [];
  for (const line of output.split("\n")) {
    const match = ROW.exec(line.trim());
    if (!match) continue;
    const [, path, a, b, c, d] = match;
    paths.push({ path: path!, d1RowsInside: Number(a), lobbyCallsInside: Number(b), d1RowsPerMessage: Number(c), lobbyCallsPerMessage: Number(d) });
  }
  return paths;
}

/**
 * Runs the worker test with Parley's report windows of the run (`windowVars`: about 80 s with
 * production's, 30 s with the quick run's); never rejects, so a broken test only blanks these figures.
 */
export function runWriteCost(windowVars: Record<string, string>): Promise<WriteCost> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--project", "worker", "test/worker/write-cost.test.ts"], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", CI: "true", PARLEY_TEST_VARS: JSON.stringify(windowVars) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", (error) => resolve({ ok: false, error: String(error) }));
    child.on("close", (code) => {
      const paths = parseWriteCostTable(output);
      if (code === 0 && paths.length > 0) resolve({ ok: true, paths });
      else resolve({ ok: false, error: `vitest exited with ${code}; ${paths.length} paths read\n${output.slice(-2000)}` });
    });
  });
}
