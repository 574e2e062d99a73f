import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ROOT, stopProcess } from "../../../scripts/lib/wrangler";

const WRANGLER = fileURLToPath(new URL("../../../node_modules/wrangler/bin/wrangler.js", import.meta.url));
/** Output kept for an error message: the tail only, since a bench run logs for minutes. */
const OUTPUT_TAIL_CHARS = 20_000;
const START_TIMEOUT_MS = 90_000;

export interface WranglerDevOptions {
  port: number;
  persistTo: string;
  /** A wrangler.toml other than the project's (the do-floor's). */
  config?: string;
  /** A static assets directory instead of the config's (`--assets`). */
  assets?: string;
  /** `--var KEY:VALUE` overrides of wrangler.toml `[vars]`. */
  vars?: Record<string, string>;
}

export interface WranglerDev {
  child: ChildProcess;
  /** The last lines wrangler printed. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` on 127.0.0.1, as scripts/lib/wrangler.ts starts it, plus a config of choice and
 * an output buffer that stays small however long the bench runs. Resolves once `/health` answers.
 */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const args = [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(options.port), "--inspector-port", String(options.port + 1)];
  args.push("--show-interactive-dev-session=false", "--persist-to", options.persistTo);
  if (options.config) args.push("--config", options.config);
  if (options.assets) args.push("--assets", options.assets);
  for (const [key, value] of Object.entries(options.vars ?? {})) args.push("--var", `${key}:${value}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0", CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const dev: WranglerDev = { child, output: () => output, stop: () => stopProcess(child) };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${options.port}/health`);
      if (response.ok) return dev;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await dev.stop();
  throw new Error(`wrangler dev did not answer /health in time\n${output}`);
}
