import { migrateSchema } from "../storage-schema";

/**
 * Unread counts per agent: which visitor messages each open session has, and how far each agent
 * has read it. Rows of a session go when it closes.
 */
const SCHEMA = [
  `
  CREATE TABLE IF NOT EXISTS visitor_messages (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS agent_reads (
    agent_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (agent_id, conversation_id)
  ) WITHOUT ROWID;
  `,
  // Every reader of one session at once: an event's unread counts for all dashboards in one read.
  `CREATE INDEX agent_reads_conversation ON agent_reads (conversation_id);`,
];

export class ReadStore {
  private readonly sql: SqlStorage;

  constructor(storage: DurableObjectStorage) {
    migrateSchema(storage, "reads", SCHEMA);
    this.sql = storage.sql;
  }

  /** Visitor messages (seqs) of a session, in one statement however many: a report carries up to hundreds. */
  addVisitorMessages(conversationId: string, seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    this.sql.exec("INSERT OR IGNORE INTO visitor_messages (conversation_id, seq) SELECT ?, value FROM json_each(?)", conversationId, JSON.stringify(seqs));
  }

  /** Moves an agent's cursor forward (never back). */
  markRead(agentId: string, conversationId: string, seq: number): void {
    this.sql.exec(
      `INSERT INTO agent_reads (agent_id, conversation_id, seq) VALUES (?, ?, ?)
       ON CONFLICT (agent_id, conversation_id) DO UPDATE SET seq = max(seq, excluded.seq)`,
      agentId,
      conversationId,
      seq,
    );
  }

  unread(agentId: string, conversationId: string): number {
    return this.sql
      .exec<{ n: number }>(
        `SELECT count(*) AS n FROM visitor_messages
         WHERE conversation_id = ?
           AND seq > coalesce((SELECT seq FROM agent_reads WHERE agent_id = ? AND conversation_id = ?), 0)`,
        conversationId,
        agentId,
        conversationId,
      )
      .one().n;
  }

  /**
   * One session's unread counts for every agent at once, for an event going to many dashboards:
   * agents who read some of it by their cursor, everyone else all of it. Two reads however many
   * agents ask; the lookup it returns is constant-time.
   */
  unreadForEveryone(conversationId: string): (agentId: string) => number {
    const total = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM visitor_messages WHERE conversation_id = ?", conversationId).one().n;
    const readers = new Map(
      this.sql
        .exec<{ agent_id: string; n: number }>(
          `SELECT r.agent_id, (SELECT count(*) FROM visitor_messages v WHERE v.conversation_id = r.conversation_id AND v.seq > r.seq) AS n
           FROM agent_reads r WHERE r.conversation_id = ?`,
          conversationId,
        )
        .toArray()
        .map((row) => [row.agent_id, row.n]),
    );
    return (agentId) => readers.get(agentId) ?? total;
  }

  forget(conversationId: string): void {
    this.sql.exec("DELETE FROM visitor_messages WHERE conversation_id = ?", conversationId);
    this.sql.exec("DELETE FROM agent_reads WHERE conversation_id = ?", conversationId);
  }
}
