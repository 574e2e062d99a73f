import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedLocal } from "../../../scripts/seed";
import { ROOT, startWranglerDev, stopProcess, wrangler } from "../../../scripts/lib/wrangler";
import type { z } from "zod";
import type { DevObjectsResponseSchema } from "../../../src/protocol";
import { inject } from "vitest";
import { apiJson } from "./api";

export const E2E_TOKEN_SECRET = "e2e-visitor-token-secret";

/** Below Linux's ephemeral range (32768+), where the test pool's own workerd processes listen. */
const PORT_RANGE = { from: 20_000, to: 30_000 };
const START_ATTEMPTS = 3;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * A local D1 state with every migration applied and nothing else, made once per version of
 * `migrations/` and copied for each server: applying them takes a wrangler run of seconds, and
 * every test file starts a server. Built aside and renamed into place, so a half-made one is
 * never used.
 */
async function migratedState(): Promise<string> {
  const migrations = join(ROOT, "migrations");
  const version = createHash("sha256");
  for (const file of readdirSync(migrations).filter((name) => name.endsWith(".sql")).sort()) {
    version.update(file).update(readFileSync(join(migrations, file)));
  }
  const ready = join(tmpdir(), `parley-e2e-migrated-${version.digest("hex").slice(0, 16)}`);
  if (existsSync(ready)) return ready;
  const building = mkdtempSync(join(tmpdir(), "parley-e2e-migrating-"));
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", building], { quiet: true });
  try {
    renameSync(building, ready);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return ready;
}

/**
 * A directory of its own (named from `prefix`) holding a copy of the migrated state: a start for
 * a server's state, or for a test of a script that writes local D1.
 */
export async function migratedCopy(prefix = "parley-e2e-"): Promise<string> {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  cpSync(await migratedState(), copy, { recursive: true });
  return copy;
}

/**
 * Test workers whose own port the run's seeded state lets in (`seededState`): vitest numbers its
 * workers from 1 to `maxWorkers`, and the config runs two.
 */
const SEEDED_WORKERS = 4;
/** Below PORT_RANGE: a random port never lands on a worker's own. */
const WORKER_PORTS_FROM = 19_900;

/** The port of test worker `poolId` (vitest's `VITEST_POOL_ID`), with the inspector's after it. */
function workerPort(poolId: number): number {
  return WORKER_PORTS_FROM + 2 * poolId;
}

/**
 * Every migration and the demo workspace, whose site lets in the pages of each test worker's own
 * port: made once per `vitest run` (the e2e project's global setup), so a test file's server
 * starts from a copy instead of seeding, which is a wrangler run of seconds. Returns its directory.
 */
export async function seededState(): Promise<string> {
  const seeded = await migratedCopy("parley-e2e-seeded-");
  await seedLocal({ persistTo: seeded, ports: Array.from({ length: SEEDED_WORKERS }, (_, index) => workerPort(index + 1)) });
  return seeded;
}

async function isFreePair(port: number): Promise<boolean> {
  return (await isFree(port)) && (await isFree(port + 1));
}

/** A port for the server whose next port (the inspector's) is free too. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    if (await isFreePair(port)) return port;
  }
}

/**
 * Where this test worker's next server starts from: the run's seeded state on the worker's own
 * port while that is free (a test file runs one server at a time in most cases), else a
 * migrated state that `DevServer.start` seeds for a free random port.
 */
async function startingPoint(): Promise<{ state: string; port: number | null }> {
  const seeded = inject("e2eSeededState");
  const poolId = Number(process.env.VITEST_POOL_ID);
  if (seeded && poolId >= 1 && poolId <= SEEDED_WORKERS && (await isFreePair(workerPort(poolId)))) return { state: seeded, port: workerPort(poolId) };
  return { state: await migratedState(), port: null };
}

/**
 * A real `wrangler dev` on 127.0.0.1 with its own persisted state (migrated and seeded), that a
 * test can stop and start again on the same port and data.
 */
export class DevServer {
  private process: ChildProcess | null = null;
  private output: () => string = () => "";

  private constructor(
    readonly port: number,
    readonly persistTo: string,
  ) {}

  /** `history`: also the demo's 60 days of report figures (`npm run seed -- --history`). */
  static async start(options: { history?: boolean } = {}): Promise<DevServer> {
    const persistTo = mkdtempSync(join(tmpdir(), "parley-e2e-"));
    const start = await startingPoint();
    cpSync(start.state, persistTo, { recursive: true });
    // A port found free can still be taken before wrangler binds it; then try another one.
    for (let attempt = 1; ; attempt++) {
      const port = (attempt === 1 ? start.port : null) ?? (await freePortPair());
      if (port !== start.port || options.history) await seedLocal({ persistTo, ports: [port], history: options.history });
      const server = new DevServer(port, persistTo);
      try {
        await server.resume();
        return server;
      } catch (error) {
        if (attempt >= START_ATTEMPTS || !String(error).includes("Address already in use")) throw error;
      }
    }
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsOrigin(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /**
   * How many instances of each Durable Object class this server's isolate has constructed: one
   * more after every eviction. Reading it wakes no object.
   */
  async constructions(): Promise<Record<string, number>> {
    return (await apiJson<z.infer<typeof DevObjectsResponseSchema>>(this, "/api/dev/objects")).constructions;
  }

  async resume(): Promise<void> {
    const server = await startWranglerDev({
      port: this.port,
      persistTo: this.persistTo,
      // DEV_INSPECTION opens /api/dev/objects, which tells the tests when an object was evicted.
      vars: { VISITOR_TOKEN_SECRET: E2E_TOKEN_SECRET, DEV_INSPECTION: "1" },
    });
    this.process = server.child;
    this.output = server.output;
  }

  /** The last `chars` characters wrangler printed, for a failing test to show what the server said. */
  logTail(chars = 3_000): string {
    return this.output().slice(-chars);
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
