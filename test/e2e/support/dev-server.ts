import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedLocal } from "../../../scripts/seed";
import { startWranglerDev, stopProcess, wrangler } from "../../../scripts/lib/wrangler";

export const E2E_TOKEN_SECRET = "e2e-visitor-token-secret";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * A real `wrangler dev` on 127.0.0.1 with its own persisted state (migrated and seeded), that a
 * test can stop and start again on the same port and data.
 */
export class DevServer {
  private process: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    readonly persistTo: string,
  ) {}

  static async start(): Promise<DevServer> {
    // The inspector takes port + 1, so look for two free ports in a row.
    let port = await freePort();
    while (port > 65_000) port = await freePort();
    const server = new DevServer(port, mkdtempSync(join(tmpdir(), "parley-e2e-")));
    await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", server.persistTo], { quiet: true });
    await seedLocal({ persistTo: server.persistTo, port });
    await server.resume();
    return server;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsOrigin(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    this.process = await startWranglerDev({
      port: this.port,
      persistTo: this.persistTo,
      vars: { VISITOR_TOKEN_SECRET: E2E_TOKEN_SECRET },
    });
  }

  async pause(): Promise<void> {
    if (this.process) await stopProcess(this.process);
    this.process = null;
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.persistTo, { recursive: true, force: true });
  }
}
