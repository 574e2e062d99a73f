import { logEvent } from "../../lib/log";
import { INDEX_FLUSH_MS } from "../chat-session/report-windows";
import type { IndexStatement } from "../contracts";
import { migrateSchema } from "../storage-schema";

/** Most queued writes (one conversation's statements each) one D1 batch carries; the rest go next. */
export const INDEX_FLUSH_MAX = 100;

/** How many flushes a write D1 refuses is kept for; then it is dropped with an error line. */
const ATTEMPTS_MAX = 3;

const SCHEMA = [
  `
  CREATE TABLE IF NOT EXISTS index_writes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    statements TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  `,
];

type WriteRow = { id: number; conversation_id: string; statements: string; attempts: number };

/**
 * The conversations' coalesced D1 index writes (SPEC §2), queued in the lobby's storage and sent
 * as one D1 batch per workspace `INDEX_FLUSH_MS` after the first of them, instead of one D1 call per
 * conversation every few seconds: one D1 database serves every workspace, and each call has a
 * cost of its own whatever it writes. The queue is in storage, so an evicted lobby loses nothing
 * that waits; a write D1 refuses is tried again in the next batches and dropped after
 * `ATTEMPTS_MAX`, as a conversation's own failed write was.
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

  /** Queues one conversation's statements, in order, and plans the flush that sends them. */
  add(conversationId: string, statements: readonly IndexStatement[], now: number): void {
    if (statements.length === 0) return;
    this.sql.exec("INSERT INTO index_writes (conversation_id, statements) VALUES (?, ?)", conversationId, JSON.stringify(statements));
    if (this.dueAt() === null) this.kv.put("index_flush_due", now + INDEX_FLUSH_MS);
  }

  /** When the next flush is due (ms); null with nothing queued. */
  dueAt(): number | null {
    return this.kv.get<number>("index_flush_due") ?? null;
  }

  /** Sends what is queued when a flush is due at `now`. */
  flushIfDue(now: number): Promise<void> {
    const due = this.dueAt();
    if (due === null || due > now) return this.flushing;
    this.flushing = this.flushing
      .then(() => this.flush())
      .catch((error: unknown) => logEvent("error", { where: "lobby.indexWrites.flush", error: String(error) }));
    return this.flushing;
  }

  private async flush(): Promise<void> {
    const rows = this.sql.exec<WriteRow>("SELECT * FROM index_writes ORDER BY id LIMIT ?", INDEX_FLUSH_MAX).toArray();
    // Taken off the queue before they are sent, as a conversation moves its cursors: a write is
    // sent at most once, so no report count is ever added twice.
    for (const row of rows) this.sql.exec("DELETE FROM index_writes WHERE id = ?", row.id);
    if (rows.length > 0) {
      try {
        await this.env.DB.batch(rows.flatMap((row) => this.prepared(row)));
      } catch {
        // One refused write must not hold back the others: each goes alone, and those D1 refuses are queued again.
        for (const row of rows) await this.sendAlone(row);
      }
    }
    const more = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM index_writes").one().n > 0;
    if (more) this.kv.put("index_flush_due", Date.now() + INDEX_FLUSH_MS);
    else this.kv.delete("index_flush_due");
  }

  private async sendAlone(row: WriteRow): Promise<void> {
    try {
      await this.env.DB.batch(this.prepared(row));
    } catch (error) {
      const attempts = row.attempts + 1;
      logEvent("error", { where: "lobby.indexWrites", conversation_id: row.conversation_id, attempts, error: String(error) });
      if (attempts < ATTEMPTS_MAX) {
        this.sql.exec("INSERT INTO index_writes (conversation_id, statements, attempts) VALUES (?, ?, ?)", row.conversation_id, row.statements, attempts);
      }
    }
  }

  private prepared(row: WriteRow): D1PreparedStatement[] {
    const statements = JSON.parse(row.statements) as IndexStatement[];
    return statements.map((statement) => this.env.DB.prepare(statement.sql).bind(...statement.params));
  }
}
