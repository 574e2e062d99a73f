import { migrateSchema } from "../storage-schema";
import type { Message, Metadata, SenderType } from "../../protocol";
import { iso } from "../../lib/time";

/** A message before it has a seq; `at` is milliseconds since the epoch. */
export interface MessageDraft {
  senderId: string;
  senderType: SenderType;
  senderName: string;
  content: string;
  clientMsgId?: string | undefined;
  metadata?: Metadata | undefined;
  at: number;
}

export interface MessagePage {
  messages: Message[];
  has_more: boolean;
}

type MessageRow = {
  seq: number;
  id: string;
  sender_id: string;
  sender_type: string;
  sender_name: string;
  content: string;
  created_at: number;
  client_msg_id: string | null;
  metadata: string | null;
};

/**
 * The log's tables, step by step (see `migrateSchema`). Step 2 drops step 1's unique index on
 * `id`: nothing looks a message up by id (a random UUID, unique without it), and every append
 * paid for it, one more b-tree insert at a random place and one more page in the commit (3.6
 * pages per message against 2.5 without it, counted with uprobes on workerd's SQLite over
 * bursts of `npm run bench`'s `many` rooms; README, Performance).
 * SQLite cannot drop a column's UNIQUE, so the step copies the log into a table without it.
 */
export const MESSAGE_LOG_SCHEMA = [
  `
  CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    sender_id TEXT NOT NULL,
    sender_type TEXT NOT NULL,
    sender_name TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    client_msg_id TEXT,
    metadata TEXT
  );
  CREATE UNIQUE INDEX IF NOT EXISTS messages_client_id
    ON messages (sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
  `,
  `
  CREATE TABLE messages_v2 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    sender_id TEXT NOT NULL,
    sender_type TEXT NOT NULL,
    sender_name TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    client_msg_id TEXT,
    metadata TEXT
  );
  INSERT INTO messages_v2 (seq, id, sender_id, sender_type, sender_name, content, created_at, client_msg_id, metadata)
    SELECT seq, id, sender_id, sender_type, sender_name, content, created_at, client_msg_id, metadata FROM messages;
  DROP TABLE messages;
  ALTER TABLE messages_v2 RENAME TO messages;
  CREATE UNIQUE INDEX messages_client_id
    ON messages (sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
  `,
];

/** Most messages the log keeps in memory (`recent`); a report carries at most as many (reports.ts). */
export const RECENT_MAX = 200;

/**
 * The conversation's message log in the object's SQLite. `seq` is gap-free: it is taken and
 * written in one synchronous step, and the object runs one event at a time.
 */
export class MessageLog {
  private readonly sql: SqlStorage;
  /** The highest seq, read once per instance and kept with every append (this object is the only writer). */
  private last: number | null = null;
  /**
   * The newest messages this instance stored that its copies (the lobby's report, D1's index) have
   * not both claimed, oldest first, seqs without a gap up to `last`, at most `RECENT_MAX`. Pages
   * after a seq they cover are cut from here: the coalesced reports send every message once more,
   * and reading back rows just written cost about 11 of the 167 µs per message a CPU profile of
   * `npm run bench`'s `many` burst found in the Worker (README, Performance). Messages never
   * change once stored, so the copy cannot go stale; memory only, so a woken instance starts
   * with none and reads the table.
   */
  private recent: Message[] = [];
  /** `agentMessageCount`, read once per instance and counted on from there, as `last` is. */
  private agentMessages: number | null = null;

  constructor(
    storage: DurableObjectStorage,
    private readonly conversationId: () => string,
  ) {
    migrateSchema(storage, "messages", MESSAGE_LOG_SCHEMA);
    this.sql = storage.sql;
  }

  /** The message a sender already sent with this `client_msg_id`, if any. */
  find(senderId: string, clientMsgId: string): Message | null {
    const row = this.rows("SELECT * FROM messages WHERE sender_id = ? AND client_msg_id = ?", senderId, clientMsgId)[0];
    return row ? this.toMessage(row) : null;
  }

  /**
   * Appends a message, or returns the stored one when this sender already used `clientMsgId`:
   * the insert itself finds the repeat (by `messages_client_id`), so a new message costs no read.
   */
  append(draft: MessageDraft): { message: Message; created: boolean } {
    const row: MessageRow = {
      seq: this.lastSeq() + 1,
      id: crypto.randomUUID(),
      sender_id: draft.senderId,
      sender_type: draft.senderType,
      sender_name: draft.senderName,
      content: draft.content,
      created_at: draft.at,
      client_msg_id: draft.clientMsgId ?? null,
      metadata: draft.metadata ? JSON.stringify(draft.metadata) : null,
    };
    const inserted = this.sql.exec(
      `INSERT INTO messages (seq, id, sender_id, sender_type, sender_name, content, created_at, client_msg_id, metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL DO NOTHING`,
      row.seq,
      row.id,
      row.sender_id,
      row.sender_type,
      row.sender_name,
      row.content,
      row.created_at,
      row.client_msg_id,
      row.metadata,
    );
    if (inserted.rowsWritten === 0) return { message: this.find(row.sender_id, row.client_msg_id!)!, created: false };
    this.last = row.seq;
    if (row.sender_type === "agent" && this.agentMessages !== null) this.agentMessages += 1;
    const message = this.toMessage(row);
    this.remember(message);
    return { message, created: true };
  }

  /**
   * Lets go of the in-memory copies through `seq`: both copies of the log (the lobby's report,
   * D1's index) have claimed them, so nothing is expected to ask for them soon. A claim given
   * back after a failed report is read from the table again.
   */
  release(seq: number): void {
    const first = this.recent[0];
    if (first && seq >= first.seq) this.recent = this.recent.slice(seq - first.seq + 1);
  }

  /** Forgets everything this instance knows of the log, for storage that was just deleted (a purge). */
  forget(): void {
    this.recent = [];
    this.last = null;
    this.agentMessages = null;
  }

  /** Keeps a message just stored, after the ones before it; a gap (none in practice) starts over. */
  private remember(message: Message): void {
    if (this.recent.at(-1)?.seq !== message.seq - 1) this.recent = [];
    this.recent.push(message);
    if (this.recent.length > RECENT_MAX) this.recent.shift();
  }

  lastSeq(): number {
    this.last ??= this.sql.exec<{ last: number }>("SELECT coalesce(max(seq), 0) AS last FROM messages").one().last;
    return this.last;
  }

  /** How many agent and bot messages come after `seq`, and the newest of them. */
  repliesAfter(seq: number): { count: number; latest: Message | null } {
    const { count } = this.sql
      .exec<{ count: number }>("SELECT count(*) AS count FROM messages WHERE seq > ? AND sender_type IN ('agent', 'bot')", seq)
      .one();
    if (count === 0) return { count, latest: null };
    const [newest] = this.rows("SELECT * FROM messages WHERE seq > ? AND sender_type IN ('agent', 'bot') ORDER BY seq DESC LIMIT 1", seq);
    return { count, latest: newest ? this.toMessage(newest) : null };
  }

  /**
   * Agent messages after `seq` not sent by `agentId`: a team member's unread count (SPEC §4.10).
   * System lines (renames, joins) are notices, not unread messages.
   */
  unreadFor(agentId: string, seq: number): number {
    return this.sql
      .exec<{ count: number }>("SELECT count(*) AS count FROM messages WHERE seq > ? AND sender_type = 'agent' AND sender_id != ?", seq, agentId)
      .one().count;
  }

  /** How many messages agents wrote in all: with each member's unread count, what D1's copy is kept as (SPEC §4.10). */
  agentMessageCount(): number {
    this.agentMessages ??= this.sql.exec<{ count: number }>("SELECT count(*) AS count FROM messages WHERE sender_type = 'agent'").one().count;
    return this.agentMessages;
  }

  /** The newest message a person or the bot wrote: the list's preview (system notes make poor ones). */
  newestWritten(): Message | null {
    const [row] = this.rows("SELECT * FROM messages WHERE sender_type != 'system' ORDER BY seq DESC LIMIT 1");
    return row ? this.toMessage(row) : null;
  }

  // Pages take a `floor`: messages up to it are not shown (a team member hid them, SPEC §4.10).

  /** The newest `limit` messages after `floor`, oldest first. */
  latest(limit: number, floor = 0): MessagePage {
    return this.olderPage(this.rows("SELECT * FROM messages WHERE seq > ? ORDER BY seq DESC LIMIT ?", floor, limit), floor);
  }

  /** Up to `limit` messages just before `seq` and after `floor`, oldest first. */
  before(seq: number, limit: number, floor = 0): MessagePage {
    return this.olderPage(this.rows("SELECT * FROM messages WHERE seq < ? AND seq > ? ORDER BY seq DESC LIMIT ?", seq, floor, limit), floor);
  }

  /** Up to `limit` messages just after `seq` (and `floor`), oldest first: what a resuming client missed. */
  after(seq: number, limit: number, floor = 0): MessagePage {
    const from = Math.max(seq, floor);
    const first = this.recent[0];
    const start = first ? from + 1 - first.seq : -1;
    const messages =
      first && start >= 0
        ? this.recent.slice(start, start + limit)
        : this.rows("SELECT * FROM messages WHERE seq > ? ORDER BY seq ASC LIMIT ?", from, limit).map((row) => this.toMessage(row));
    const last = messages.at(-1);
    return { messages, has_more: last !== undefined && last.seq < this.lastSeq() };
  }

  /** Seqs have no gaps, so there is more exactly when the oldest shown is above the first after `floor`. */
  private olderPage(newestFirst: MessageRow[], floor: number): MessagePage {
    const oldest = newestFirst.at(-1);
    return {
      messages: newestFirst.reverse().map((row) => this.toMessage(row)),
      has_more: oldest !== undefined && oldest.seq > floor + 1,
    };
  }

  private rows(query: string, ...bindings: unknown[]): MessageRow[] {
    return this.sql.exec<MessageRow>(query, ...bindings).toArray();
  }

  private toMessage(row: MessageRow): Message {
    const message: Message = {
      id: row.id,
      seq: row.seq,
      conversation_id: this.conversationId(),
      sender_id: row.sender_id,
      sender_type: row.sender_type as Message["sender_type"],
      sender_name: row.sender_name,
      content: row.content,
      timestamp: iso(row.created_at),
    };
    if (row.client_msg_id) message.client_msg_id = row.client_msg_id;
    if (row.metadata) message.metadata = JSON.parse(row.metadata) as Message["metadata"];
    return message;
  }
}
