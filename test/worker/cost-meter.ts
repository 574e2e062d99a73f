import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { AgentLobby } from "../../src/objects/agent-lobby";
import { AGENT_LOBBY_RPC } from "../../src/objects/stubs";
import { BUCKET_MS } from "../../src/reports/buckets";

/** SPEC §2 cost rule, as measured: over a burst of 25 messages, at most 0.2 D1 rows and 0.2 lobby calls per message. */
export const MESSAGES = 25;
export const PER_MESSAGE_MAX = 0.2;

/** D1 rows written and AgentLobby RPC calls: a reading of the meter, or the difference of two. */
export interface Cost {
  d1: number;
  lobby: number;
}

type Sent = Array<{ meta?: { rows_written?: number } }>;

/**
 * Counts what D1 bills as rows written (table and index rows, `meta.rows_written`) for every
 * statement any code in this isolate sends, objects included (they share it in the workers
 * pool), and every RPC call into an AgentLobby. It wraps the D1 binding's one sending method,
 * through which `run`, `all`, `first`, `raw` and `batch` all go.
 */
export interface CostMeter {
  d1RowsWritten(): number;
  /** D1 calls made (a batch is one). */
  d1Calls(): number;
  lobbyCalls(): number;
  reading(): Cost;
  /** What was counted from `start` to `end` (now, by default), two readings. */
  since(start: Cost, end?: Cost): Cost;
  stop(): void;
}

export function startCostMeter(): CostMeter {
  const session = Object.getPrototypeOf(env.DB.withSession()) as { _send: (...args: unknown[]) => Promise<Sent> };
  const send = session._send;
  if (typeof send !== "function") throw new Error("the D1 binding no longer sends through _send; update the cost meter");
  let rows = 0;
  let calls = 0;
  session._send = async function meteredSend(this: unknown, ...args: unknown[]) {
    const results = await send.apply(this, args);
    calls++;
    for (const result of results) rows += result.meta?.rows_written ?? 0;
    return results;
  };
  const lobby = countLobbyCalls();
  const lobbyCalls = lobby.calls;
  const reading = (): Cost => ({ d1: rows, lobby: lobbyCalls() });
  return {
    d1RowsWritten: () => rows,
    d1Calls: () => calls,
    lobbyCalls,
    reading,
    since: (start, end = reading()) => ({ d1: end.d1 - start.d1, lobby: end.lobby - start.lobby }),
    stop() {
      session._send = send;
      lobby.stop();
      if (calls === 0) throw new Error("the cost meter saw no D1 call at all");
    },
  };
}

/** Counts every RPC call into an AgentLobby (`AGENT_LOBBY_RPC`) from now until `stop`. */
export function countLobbyCalls(): { calls: () => number; stop: () => void } {
  const spies = AGENT_LOBBY_RPC.map((name) =>
    vi.spyOn(AgentLobby.prototype as unknown as Record<string, (...args: unknown[]) => unknown>, name),
  );
  return {
    calls: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
    stop: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

/**
 * Waits, when a report bucket ends within `spanMs` (SPEC §11: 15-minute buckets), until it has
 * ended and `settleMs` more have passed: at a bucket's end every conversation holding counted
 * messages writes them, through its lobby, and a measurement spanning that moment would count
 * every conversation's flush as its own cost.
 */
export async function clearOfBucketEnd(spanMs: number, settleMs: number): Promise<void> {
  const untilEnd = BUCKET_MS - (Date.now() % BUCKET_MS);
  if (untilEnd < spanMs) await new Promise((resolve) => setTimeout(resolve, untilEnd + settleMs));
}
