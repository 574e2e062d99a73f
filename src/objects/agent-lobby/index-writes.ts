import { logEvent } from "../../lib/log";
import { refusedByD1 } from "../../db/d1-errors";
import { bound } from "../../db/statements";
import type { IndexStatement } from "../contracts";
import { migrateSchema } from "../storage-schema";

/** Most queued writes (one conversation's statements each) one D1 batch carries; the rest go next, at once. */
export const INDEX_FLUSH_MAX = 100;

/** The first wait (ms) before a batch D1 did not answer goes again; each later wait doubles, up to `INDEX_RETRY_MAX_MS`. */
export const INDEX_RETRY_MIN_MS = 1_000;
export const INDEX_RETRY_MAX_MS = 60_000;

/**
 * Sends of one batch without an answer after which the lobby probes D1 with the batch's number
 * alone (`probe`): a batch D1 could never take would otherwise hold back its workspace's writes
 * for good.
 */
export const SENDS_BEFORE_PROBE = 5;

/** When the next batch is due (ms), in the lobby's KV storage; absent with nothing queued. */
const DUE_KEY = "index_flush_due";
/** The number of the lobby's last batch: D1 keeps the highest it applied (`index_batches`). */
const SEQ_KEY = "index_batch_seq";
/** The batch sent and not yet known to have landed (`Batch`); absent between batches. */
const IN_FLIGHT_KEY = "index_batch_in_flight";

/** What the trigger `index_batches_once` (migrations/0010) answers a number it has recorded already. */
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

/**
 * How one send of a batch went: applied (now or by an earlier send); refused (D1 or the lobby
 * could not take one of its statements, and nothing was written); unanswered (not known to
 * have been written or not: it goes again under its number).
 */
type Outcome = { kind: "applied" } | { kind: "refused" | "unanswered"; error: string };

/** How a send went, and the batch it left in flight (renumbered when the lobby caught up with D1). */
interface Sent {
  outcome: Outcome;
  batch: Batch;
}

/**
 * The conversations' coalesced D1 index writes (SPEC §2), queued in the lobby's storage and sent
 * as one D1 batch per workspace `flushMs` after the first of them, instead of one D1 call
 * per conversation every few seconds: one D1 database serves every workspace, and each call has a
 * cost of its own whatever it writes. The queue is in storage, so an evicted lobby loses nothing
 * that waits.
 *
 * Each write lands once, though it may be sent more than once. A batch is numbered, and its first
 * statement records its number in D1's `index_batches`, whose trigger refuses a number not above
 * the last one recorded, so the batch, one transaction, then writes nothing. A batch D1 did not
 * answer (unreachable, or its answer lost) stays queued and goes again under the same number
 * (after `INDEX_RETRY_MIN_MS`, doubling up to `INDEX_RETRY_MAX_MS`): if D1 refuses it and has its
 * number, it had landed and leaves the queue; report counts are never added twice. When a
 * statement of a batch was refused, or D1 takes writes but still not the batch after
 * `SENDS_BEFORE_PROBE` sends, each of its writes goes alone, so one bad write (lost with an error
 * line) costs no other its place.
 */
export class IndexWrites {
  private readonly sql: SqlStorage;
  private readonly kv: SyncKvStorage;
  /** The flush under way; flushes run one after another, so batches reach D1 in order. */
  private flushing: Promise<void> = Promise.resolve();

  /**
   * `lobbyId`: the lobby's Durable Object id, its key in `index_batches`; `flushMs`: how long a
   * batch gathers writes after its first (`chatLimits().indexFlushMs`).
   */
  constructor(
    storage: DurableObjectStorage,
    private readonly env: Env,
    private readonly lobbyId: string,
    private readonly flushMs: number,
  ) {
    migrateSchema(storage, "index_writes", SCHEMA);
    this.sql = storage.sql;
    this.kv = storage.kv;
  }

  /** Queues one conversation's statements, in order, and plans the batch that sends them. */
  add(conversationId: string, statements: readonly IndexStatement[], now: number): void {
    if (statements.length === 0) return;
    this.sql.exec("INSERT INTO index_writes (conversation_id, statements) VALUES (?, ?)", conversationId, JSON.stringify(statements));
    if (this.dueAt() === null) this.kv.put(DUE_KEY, now + this.flushMs);
  }

  /** When the next batch is due (ms); null with nothing queued. */
  dueAt(): number | null {
    return this.kv.get<number>(DUE_KEY) ?? null;
  }

  /** Sends what is queued when a batch is due at `now`. */
  flushIfDue(now: number): Promise<void> {
    const due = this.dueAt();
    if (due === null || due > now) return this.flushing;
    // flush() answers its own failures; this keeps the chain alive should its last step throw.
    this.flushing = this.flushing.then(() => this.flush()).catch((error: unknown) => logEvent("error", { where: "lobby.indexWrites", error: String(error) }));
    return this.flushing;
  }

  /** One batch, the one in flight first; then plans the next: a retry's time, else at once after a full batch. */
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
      else if (left > 0) this.kv.put(DUE_KEY, full ? Date.now() : Date.now() + this.flushMs);
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

  /**
   * A new batch of `ids` under the lobby's next number (which this takes: numbers are never
   * reused). The first number is the time in ms × 1000, so a lobby whose storage was wiped starts
   * above every number its earlier life used (at most one batch a flush) and never meets one.
   */
  private numbered(ids: number[]): Batch {
    const seq = (this.kv.get<number>(SEQ_KEY) ?? Date.now() * 1000) + 1;
    this.kv.put(SEQ_KEY, seq);
    return { seq, ids, sends: 0 };
  }

  /**
   * Sends `batch` until each of its writes landed or was refused, and takes those off the queue.
   * Returns when to send again (ms) when D1 did not answer, with the batch kept in flight.
   */
  private async deliver(first: Batch): Promise<number | null> {
    const sent = await this.send(first);
    const batch = sent.batch;
    let outcome = sent.outcome;
    if (outcome.kind === "unanswered" && batch.sends >= SENDS_BEFORE_PROBE) outcome = await this.probe(batch, outcome.error);
    if (outcome.kind === "unanswered") {
      logEvent("error", { where: "lobby.indexWrites", writes: batch.ids.length, sends: batch.sends, error: outcome.error });
      return Date.now() + Math.min(INDEX_RETRY_MIN_MS * 2 ** (batch.sends - 1), INDEX_RETRY_MAX_MS);
    }
    this.kv.delete(IN_FLIGHT_KEY);
    if (outcome.kind === "refused" && batch.ids.length > 1) {
      for (const id of batch.ids) {
        const retryAt = await this.deliver(this.numbered([id]));
        if (retryAt !== null) return retryAt;
      }
      return null;
    }
    if (outcome.kind === "refused") {
      logEvent("error", { where: "lobby.indexWrites", conversation_id: this.row(batch.ids[0]!)?.conversation_id, error: outcome.error });
    }
    for (const id of batch.ids) this.sql.exec("DELETE FROM index_writes WHERE id = ?", id);
    return null;
  }

  /**
   * One send of `batch`, recorded as in flight before it leaves: the storage write is confirmed
   * before the D1 call goes out (the object's output gate), so an eviction mid-send is followed by
   * the same batch under the same number. D1's refusal of the number means the batch landed when
   * D1 holds exactly that number and the batch went before; any other number means the lobby's
   * numbers are behind D1's, and it takes numbers above D1's and sends once more. Statements that
   * cannot be built are the lobby's refusal.
   */
  private async send(batch: Batch, caughtUp = false): Promise<Sent> {
    let statements: D1PreparedStatement[];
    try {
      statements = [this.marker(batch.seq), ...this.prepared(batch.ids)];
    } catch (error) {
      return { outcome: { kind: "refused", error: String(error) }, batch };
    }
    batch.sends += 1;
    this.kv.put(IN_FLIGHT_KEY, batch);
    try {
      await this.env.DB.batch(statements);
      return { outcome: { kind: "applied" }, batch };
    } catch (error) {
      const text = String(error);
      const unanswered = { outcome: { kind: "unanswered", error: text }, batch } as const;
      if (!text.includes(ALREADY_APPLIED)) {
        return refusedByD1(text) ? { outcome: { kind: "refused", error: text }, batch } : unanswered;
      }
      const recorded = await this.recordedSeq();
      if (recorded === undefined) return unanswered;
      if (recorded === batch.seq && batch.sends > 1) return { outcome: { kind: "applied" }, batch };
      if (caughtUp) return unanswered;
      this.kv.put(SEQ_KEY, Math.max(recorded ?? 0, this.kv.get<number>(SEQ_KEY) ?? 0));
      return this.send(this.numbered(batch.ids), true);
    }
  }

  /**
   * After `SENDS_BEFORE_PROBE` sends without an answer, the batch's number alone. Taken: D1 takes
   * writes and now holds the number, so the batch can never land late, and it is refused (its
   * writes go one by one). Refused with exactly this number recorded: the batch had landed. Any
   * other answer: D1 is still not taking writes, and the batch waits on.
   */
  private async probe(batch: Batch, error: string): Promise<Outcome> {
    try {
      await this.env.DB.batch([this.marker(batch.seq)]);
      return { kind: "refused", error };
    } catch (probe) {
      if (!String(probe).includes(ALREADY_APPLIED)) return { kind: "unanswered", error };
      return (await this.recordedSeq()) === batch.seq ? { kind: "applied" } : { kind: "unanswered", error };
    }
  }

  /** The number D1 recorded for this lobby's last applied batch: null before its first, undefined when D1 did not answer. */
  private recordedSeq(): Promise<number | null | undefined> {
    return this.env.DB.prepare("SELECT seq FROM index_batches WHERE lobby_id = ?")
      .bind(this.lobbyId)
      .first<number>("seq")
      .catch(() => undefined);
  }

  /** The statement that records `seq` in D1, refused by the trigger when it is not above the last one. */
  private marker(seq: number): D1PreparedStatement {
    return this.env.DB.prepare(
      "INSERT INTO index_batches (lobby_id, seq) VALUES (?, ?) ON CONFLICT (lobby_id) DO UPDATE SET seq = excluded.seq",
    ).bind(this.lobbyId, seq);
  }

  /** The statements of queued writes, in queue order, ready for D1 (one read); throws when one is not in the queue. */
  private prepared(ids: readonly number[]): D1PreparedStatement[] {
    const rows = this.sql
      .exec<WriteRow>("SELECT * FROM index_writes WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id", JSON.stringify(ids))
      .toArray();
    if (rows.length !== ids.length) throw new Error(`${ids.length - rows.length} queued index writes are missing`);
    return rows.flatMap((row) => bound(this.env.DB, JSON.parse(row.statements) as IndexStatement[]));
  }

  private row(id: number): WriteRow | undefined {
    return this.sql.exec<WriteRow>("SELECT * FROM index_writes WHERE id = ?", id).toArray()[0];
  }
}
