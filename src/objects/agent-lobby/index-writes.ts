import { logEvent } from "../../lib/log";
import { INDEX_FLUSH_MS } from "../chat-session/report-windows";
import type { IndexStatement } from "../contracts";
import { migrateSchema } from "../storage-schema";

/** Most queued writes (one conversation's statements each) one D1 batch carries; the rest go next, at once. */
export const INDEX_FLUSH_MAX = 100;

/** When the next batch is due (ms), in the lobby's KV storage; absent with nothing queued. */
const DUE_KEY = "index_flush_due";

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

/**
 * The conversations' coalesced D1 index writes (SPEC §2), queued in the lobby's storage and sent
 * as one D1 batch per workspace `INDEX_FLUSH_MS` after the first of them, instead of one D1 call
 * per conversation every few seconds: one D1 database serves every workspace, and each call has a
 * cost of its own whatever it writes. The queue is in storage, so an evicted lobby loses nothing
 * that waits. Writes leave the queue before they are sent, as a conversation moves its cursors
 * first: each is sent at most once, so no report count is added twice, and a batch that fails is
 * lost with an error line, as a conversation's own failed write was. Only when D1 refused a
 * statement (the batch, one transaction, then wrote nothing) is each write sent alone, so one bad
 * write costs no other its place.
 */
export class IndexWrites {
  private readonly sql: SqlStorage;
  private readonly kv: SyncKvStorage;
  /** The flush under way; flushes run one after another, so batches reach D1 in order. */
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    storage: DurableObjectStorage,
    private readonly env: Env,
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
    let rows: WriteRow[] = [];
    try {
      rows = this.sql.exec<WriteRow>("SELECT * FROM index_writes ORDER BY id LIMIT ?", INDEX_FLUSH_MAX).toArray();
      for (const row of rows) this.sql.exec("DELETE FROM index_writes WHERE id = ?", row.id);
      if (rows.length > 0) await this.send(rows);
    } catch (error) {
      logEvent("error", { where: "lobby.indexWrites", writes: rows.length, error: String(error) });
    } finally {
      const left = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM index_writes").one().n;
      // A full batch leaves a backlog, sent at once; writes that came during the flush gather first.
      if (left > 0) this.kv.put(DUE_KEY, rows.length === INDEX_FLUSH_MAX ? Date.now() : Date.now() + INDEX_FLUSH_MS);
      else this.kv.delete(DUE_KEY);
    }
  }

  private async send(rows: readonly WriteRow[]): Promise<void> {
    try {
      await this.env.DB.batch(rows.flatMap((row) => this.prepared(row)));
    } catch (error) {
      if (!refusedStatement(error)) throw error;
      for (const row of rows) {
        try {
          await this.env.DB.batch(this.prepared(row));
        } catch (alone) {
          logEvent("error", { where: "lobby.indexWrites", conversation_id: row.conversation_id, error: String(alone) });
        }
      }
    }
  }

  private prepared(row: WriteRow): D1PreparedStatement[] {
    const statements = JSON.parse(row.statements) as IndexStatement[];
    return statements.map((statement) => this.env.DB.prepare(statement.sql).bind(...statement.params));
  }
}

/** D1 refused a statement (SQLite's own error), so the batch, one transaction, wrote nothing. */
function refusedStatement(error: unknown): boolean {
  return /SQLITE_/.test(String(error));
}
