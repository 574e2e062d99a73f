import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = fileURLToPath(new URL("../../node_modules/wrangler/bin/wrangler.js", import.meta.url));

/** Runs a wrangler command to completion; rejects with its output when it fails. */
export async function wrangler(args: string[], options: { quiet?: boolean } = {}): Promise<string> {
  const { output } = await runWrangler(args);
  if (!options.quiet) process.stdout.write(output);
  return output;
}

/**
 * Runs a wrangler command with `--json` and returns what it printed, parsed; e.g. `d1 execute`
 * answers one `{results}` per statement.
 */
export async function wranglerJson<T>(args: string[]): Promise<T> {
  const { stdout } = await runWrangler([...args, "--json"]);
  return JSON.parse(stdout) as T;
}

/** Its standard output alone, and everything it printed in order (for error messages). */
function runWrangler(args: string[]): Promise<{ stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, output });
      else reject(new Error(`wrangler ${args.join(" ")} exited with ${code}\n${output}`));
    });
  });
}

export interface DevServerOptions {
  port: number;
  persistTo?: string;
  /** A wrangler.toml other than the project's (the bench's do-floor). */
  config?: string;
  /** A static assets directory instead of the config's (`--assets`). */
  assets?: string;
  vars?: Record<string, string>;
  inherit?: boolean;
}

/** A running `wrangler dev`: the process (stop it with `stopProcess`) and the tail of what it printed. */
export interface DevServerProcess {
  child: ChildProcess;
  output(): string;
}

/** What is kept of a server's output for an error message: the tail only, since a run may log for minutes. */
const OUTPUT_TAIL_CHARS = 20_000;
const START_TIMEOUT_MS = 90_000;

/** Starts `wrangler dev` on 127.0.0.1 and resolves once `/health` answers. */
export async function startWranglerDev(options: DevServerOptions): Promise<DevServerProcess> {
  const args = [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(options.port), "--inspector-port", String(options.port + 1)];
  args.push("--show-interactive-dev-session=false");
  if (options.persistTo) args.push("--persist-to", options.persistTo);
  if (options.config) args.push("--config", options.config);
  if (options.assets) args.push("--assets", options.assets);
  for (const [key, value] of Object.entries(options.vars ?? {})) args.push("--var", `${key}:${value}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // No fetch of `request.cf` from workers.cloudflare.com: it would be this machine's location,
    // not a visitor's (the worker ignores it for local callers), and offline it logs a stack trace.
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: options.inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${options.port}/health`);
      if (response.ok) return { child, output: () => output };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopProcess(child);
  throw new Error(`wrangler dev did not answer /health within ${START_TIMEOUT_MS / 1000} s\n${output}`);
}

/**
 * Stops a process started with `detached` together with everything in its process group.
 * wrangler exits on SIGTERM before its dev proxy's workerd does, and that workerd ignores
 * SIGTERM: left alone it lives on as an orphan holding its sockets. So the group gets a SIGKILL
 * once wrangler is gone (or has had 5 s), whatever is still in it.
 */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const group = -child.pid;
  const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
  signal(group, "SIGTERM") || child.kill("SIGTERM");
  const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
  await Promise.race([exited, timeout]);
  signal(group, "SIGKILL") || child.kill("SIGKILL");
}

/** Sends a signal; false when nothing received it (the process or group is gone). */
function signal(target: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(target, name);
    return true;
  } catch {
    return false;
  }
}
