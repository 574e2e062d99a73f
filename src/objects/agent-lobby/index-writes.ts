import { logEvent } from "../../lib/log";
import { INDEX_FLUSH_MS } from "../chat-session/report-windows";
import type { IndexStatement } from "../contracts";
import { migrateSchema } from "../storage-schema";

/** Most queued writes (one conversation's statements each) one D1 batch carries; the rest go next, at once. */
export const INDEX_FLUSH_MAX = 100;

/** Longest wait (ms) before a batch D1 did not answer is sent again; the waits double up to it. */
export const INDEX_RETRY_MAX_MS = 60_000;

/** When the next batch is due (ms), in the lobby's KV storage; absent with nothing queued. */
const DUE_KEY = "index_flush_due";
/** The number of the lobby's last batch: D1 keeps the highest it applied (`index_batches`). */
const SEQ_KEY = "index_batch_seq";
/** The batch sent and not yet known to have landed (`Batch`); absent between batches. */
const IN_FLIGHT_KEY = "index_batch_in_flight";

/** What the trigger `index_batches_once` (migrations/0010) answers a batch D1 applied already. */
const ALREADY_APPLIED = "index batch already applied";

const SCHEMA = [
  `
  CREATE TABLE IF NOT EXISTS index_writes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    statements TEXT NOT NULL
  );
  `,
];

type WriteRow = { id: number; conversation_id: string; statements: string };

/** A batch under its number: the queued writes it carries (ids in `index_writes`) and how often it was sent. */
interface Batch {
  seq: number;
  ids: number[];
  sends: number;
}

type Outcome = { kind: "applied" } | { kind: "refused" | "unanswered"; error: string };

/**
 * The conversations' coalesced D1 index writes (SPEC §2), queued in the lobby's storage and sent
 * as one D1 batch per workspace `INDEX_FLUSH_MS` after the first of them, instead of one D1 call
 * per conversation every few seconds: one D1 database serves every workspace, and each call has a
 * cost of its own whatever it writes. The queue is in storage, so an evicted lobby loses nothing
 * that waits.
 *
 * Each write lands once, though it may be sent more than once. A batch is numbered, and its first
 * statement records its number in D1's `index_batches`, whose trigger refuses a number not above
 * the last one recorded, so the batch, one transaction, then writes nothing. A batch D1 did not
 * answer (unreachable, or its answer lost) stays queued and goes again under the same number
 * (after 1 s, 2 s, … up to `INDEX_RETRY_MAX_MS`): if it had landed, D1 refuses it and it leaves
 * the queue; report counts are never added twice. When D1 refused a statement of a batch, each
 * of its writes goes alone, so one bad write (lost with an error line) costs no other its place.
 */
export class IndexWrites {
  private readonly sql: SqlStorage;
  private readonly kv: SyncKvStorage;
  /** The flush under way; flushes run one after another, so batches reach D1 in order. */
  private flushing: Promise<void> = Promise.resolve();

  /** `lobbyId`: the lobby's Durable Object id, its key in `index_batches`. */
  constructor(
    storage: DurableObjectStorage,
    private readonly env: Env,
    private readonly lobbyId: string,
  ) {
    migrateSchema(storage, "index_writes", SCHEMA);
    this.sql = storage.sql;
    this.kv = storage.kv;
  }

  /** Queues one conversation's statements, in order, and plans the batch that sends them. */
  add(conversationId: string, statements: readonly IndexStatement[], now: number): void {
    if (statements.length === 0) return;
    this.sql.exec("INSERT INTO index_writes (conversation_id, statements) VALUES (?, ?)", conversationId, JSON.stringify(statements));
    if (this.dueAt() === null) this.kv.put(DUE_KEY, now + INDEX_FLUSH_MS);
  }

  /** When the next batch is due (ms); null with nothing queued. */
  dueAt(): number | null {
    return this.kv.get<number>(DUE_KEY) ?? null;
  }

  /** Sends what is queued when a batch is due at `now`. */
  flushIfDue(now: number): Promise<void> {
    const due = this.dueAt();
    if (due === null || due > now) return this.flushing;
    this.flushing = this.flushing.then(() => this.flush());
    return this.flushing;
  }

  private async flush(): Promise<void> {
    let retryAt: number | null = null;
    let full = false;
    try {
      const batch = this.kv.get<Batch>(IN_FLIGHT_KEY) ?? this.nextBatch();
      if (batch) {
        full = batch.ids.length === INDEX_FLUSH_MAX;
        retryAt = await this.deliver(batch);
      }
    } catch (error) {
      logEvent("error", { where: "lobby.indexWrites", error: String(error) });
    } finally {
      const left = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM index_writes").one().n;
      // A full batch leaves a backlog, sent at once; writes that came during the flush gather first.
      if (retryAt !== null) this.kv.put(DUE_KEY, retryAt);
      else if (left > 0) this.kv.put(DUE_KEY, full ? Date.now() : Date.now() + INDEX_FLUSH_MS);
      else this.kv.delete(DUE_KEY);
    }
  }

  /** The oldest queued writes under a new number, or null with none queued. */
  private nextBatch(): Batch | null {
    const ids = this.sql
      .exec<{ id: number }>("SELECT id FROM index_writes ORDER BY id LIMIT ?", INDEX_FLUSH_MAX)
      .toArray()
      .map((row) => row.id);
    return ids.length === 0 ? null : this.numbered(ids);
  }

  private numbered(ids: number[]): Batch {
    const seq = (this.kv.get<number>(SEQ_KEY) ?? 0) + 1;
    this.kv.put(SEQ_KEY, seq);
    return { seq, ids, sends: 0 };
  }

  /**
   * Sends `batch` until each of its writes landed or was refused, and takes those off the queue.
   * Returns when to send again (ms) when D1 did not answer, with the batch kept in flight.
   */
  private async deliver(batch: Batch): Promise<number | null> {
    const outcome = await this.send(batch);
    if (outcome.kind === "unanswered") {
      logEvent("error", { where: "lobby.indexWrites", writes: batch.ids.length, sends: batch.sends, error: outcome.error });
      return Date.now() + Math.min(INDEX_FLUSH_MS * 2 ** (batch.sends - 1), INDEX_RETRY_MAX_MS);
    }
    this.kv.delete(IN_FLIGHT_KEY);
    if (outcome.kind === "refused" && batch.ids.length > 1) {
      for (const id of batch.ids) {
        const retryAt = await this.deliver(this.numbered([id]));
        if (retryAt !== null) return retryAt;
      }
      return null;
    }
    if (outcome.kind === "refused") logEvent("error", { where: "lobby.indexWrites", conversation_id: this.row(batch.ids[0]!)?.conversation_id, error: outcome.error });
    for (const id of batch.ids) this.sql.exec("DELETE FROM index_writes WHERE id = ?", id);
    return null;
  }

  /**
   * One send of `batch`, recorded as in flight before it leaves: an eviction mid-send is then
   * followed by the same batch under the same number. "Already applied" is the answer to a batch
   * sent before (it landed), unless this is its first send: then the lobby's numbers are behind
   * D1's (its storage was reset), and it catches up and sends once more.
   */
  private async send(batch: Batch, caughtUp = false): Promise<Outcome> {
    batch.sends += 1;
    this.kv.put(IN_FLIGHT_KEY, batch);
    try {
      await this.env.DB.batch([this.marker(batch.seq), ...this.prepared(batch.ids)]);
      return { kind: "applied" };
    } catch (error) {
      const text = String(error);
      if (!text.includes(ALREADY_APPLIED)) return { kind: refusedStatement(text) ? "refused" : "unanswered", error: text };
      if (batch.sends > 1) return { kind: "applied" };
      if (caughtUp) return { kind: "unanswered", error: text };
      const recorded = await this.env.DB.prepare("SELECT seq FROM index_batches WHERE lobby_id = ?").bind(this.lobbyId).first<number>("seq");
      this.kv.put(SEQ_KEY, Math.max(recorded ?? 0, this.kv.get<number>(SEQ_KEY) ?? 0));
      return this.send(this.numbered(batch.ids), true);
    }
  }

  private marker(seq: number): D1PreparedStatement {
    return this.env.DB.prepare(
      "INSERT INTO index_batches (lobby_id, seq) VALUES (?, ?) ON CONFLICT (lobby_id) DO UPDATE SET seq = excluded.seq",
    ).bind(this.lobbyId, seq);
  }

  private prepared(ids: readonly number[]): D1PreparedStatement[] {
    return ids.flatMap((id) => {
      const row = this.row(id);
      const statements = row ? (JSON.parse(row.statements) as IndexStatement[]) : [];
      return statements.map((statement) => this.env.DB.prepare(statement.sql).bind(...statement.params));
    });
  }

  private row(id: number): WriteRow | undefined {
    return this.sql.exec<WriteRow>("SELECT * FROM index_writes WHERE id = ?", id).toArray()[0];
  }
}

/** D1 refused a statement (SQLite's own error), so the batch, one transaction, wrote nothing. */
function refusedStatement(error: string): boolean {
  return /SQLITE_/.test(error);
}
