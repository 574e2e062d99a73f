import { migrateSchema } from "../storage-schema";
import type { Message } from "../../protocol";
import type { ConversationRef, ConversationState } from "../contracts";

/** One open support session as the lobby holds it: the stopped-customer queue plus bot sessions. */
export interface CustomerEntry {
  conversationId: string;
  siteId: string;
  siteName: string;
  visitorId: string;
  visitorName: string;
  botEnabled: boolean;
  state: ConversationState;
  startedAt: number;
  lastMessage: string | null;
  lastMessageAt: number | null;
  lastSenderType: Message["sender_type"] | null;
  lastSeq: number;
  escalationReason: string | null;
  /** The newest message or turn the lobby heard of (ms): when the inactivity sweep looks again. */
  lastActivityAt: number;
}

type CustomerRow = {
  conversation_id: string;
  site_id: string;
  site_name: string;
  visitor_id: string;
  visitor_name: string;
  bot_enabled: number;
  status: string;
  agent_id: string | null;
  agent_name: string | null;
  version: number;
  waiting_since: number | null;
  closed_at: number | null;
  started_at: number;
  last_message: string | null;
  last_message_at: number | null;
  last_sender_type: string | null;
  last_seq: number;
  escalation_reason: string | null;
  last_activity_at: number;
};

/** The customers table, step by step (see `migrateSchema`). */
const SCHEMA = [
  `
  CREATE TABLE IF NOT EXISTS customers (
    conversation_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    site_name TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    visitor_name TEXT NOT NULL,
    bot_enabled INTEGER NOT NULL,
    status TEXT NOT NULL,
    agent_id TEXT,
    agent_name TEXT,
    version INTEGER NOT NULL,
    waiting_since INTEGER,
    closed_at INTEGER,
    started_at INTEGER NOT NULL,
    last_message TEXT,
    last_message_at INTEGER,
    last_sender_type TEXT,
    last_seq INTEGER NOT NULL DEFAULT 0,
    escalation_reason TEXT
  );
  CREATE INDEX IF NOT EXISTS customers_status ON customers (status, waiting_since);
  CREATE INDEX IF NOT EXISTS customers_visitor ON customers (visitor_id);
  `,
  // When each session last showed life, for the inactivity sweep (SPEC §4.8).
  `
  ALTER TABLE customers ADD COLUMN last_activity_at INTEGER NOT NULL DEFAULT 0;
  UPDATE customers SET last_activity_at = coalesce(last_message_at, started_at);
  CREATE INDEX customers_activity ON customers (last_activity_at);
  `,
  // An agent's own customers, newest activity first: the second tier of the live list.
  `CREATE INDEX customers_agent ON customers (agent_id, last_activity_at);`,
];

/** The tiers of the live list, in the order they are listed. */
export const LIST_TIERS = ["waiting", "mine", "others", "bot"] as const;
export type ListTier = (typeof LIST_TIERS)[number];
const TIER_ORDER: Record<ListTier, number> = { waiting: 0, mine: 1, others: 2, bot: 2 };

/** Where a page of the live list ended: a tier, its sort key there, and the last id. */
export interface ListPosition {
  tier: ListTier;
  key: number;
  id: string;
}

function tierKey(tier: ListTier, row: CustomerRow): number {
  return tier === "waiting" ? (row.waiting_since ?? 0) : row.last_activity_at;
}

export class CustomerStore {
  private readonly sql: SqlStorage;

  constructor(storage: DurableObjectStorage) {
    migrateSchema(storage, "customers", SCHEMA);
    this.sql = storage.sql;
  }

  get(conversationId: string): CustomerEntry | null {
    const row = this.sql.exec<CustomerRow>("SELECT * FROM customers WHERE conversation_id = ?", conversationId).toArray()[0];
    return row ? toEntry(row) : null;
  }

  /** The open session of a visitor on a site: what SPEC §7 calls a customer. */
  findByVisitor(visitorId: string, siteId: string): CustomerEntry | null {
    const row = this.sql
      .exec<CustomerRow>("SELECT * FROM customers WHERE visitor_id = ? AND site_id = ? LIMIT 1", visitorId, siteId)
      .toArray()[0];
    return row ? toEntry(row) : null;
  }

  /**
   * One page of the live list as `viewerId` sees it (SPEC §7): waiting customers first, longest
   * wait first; then the viewer's own; then the rest, newest activity first. Each tier is read in
   * its index's order, one page at most, so a page costs the same however many sessions are
   * open. `after` is where the previous page ended.
   */
  page(viewerId: string, options: { tiers: readonly ListTier[]; siteId?: string | undefined; after: ListPosition | null; limit: number }): {
    entries: CustomerEntry[];
    next: ListPosition | null;
  } {
    const entries: Array<{ entry: CustomerEntry; position: ListPosition }> = [];
    for (const tier of options.tiers) {
      if (options.after && TIER_ORDER[tier] < TIER_ORDER[options.after.tier]) continue;
      const after = options.after?.tier === tier ? options.after : null;
      const rows = this.tierRows(tier, viewerId, options.siteId, after, options.limit + 1 - entries.length);
      for (const row of rows) entries.push({ entry: toEntry(row), position: { tier, key: tierKey(tier, row), id: row.conversation_id } });
      if (entries.length > options.limit) break;
    }
    const page = entries.slice(0, options.limit);
    return { entries: page.map((e) => e.entry), next: entries.length > options.limit ? page.at(-1)!.position : null };
  }

  private tierRows(tier: ListTier, viewerId: string, siteId: string | undefined, after: ListPosition | null, limit: number): CustomerRow[] {
    const site = siteId ? " AND site_id = ?" : "";
    const siteArgs = siteId ? [siteId] : [];
    const query = (where: string, key: string, direction: "ASC" | "DESC", args: unknown[]) => {
      const comparison = direction === "ASC" ? ">" : "<";
      const keyset = after ? ` AND (${key} ${comparison} ? OR (${key} = ? AND conversation_id ${comparison} ?))` : "";
      const keysetArgs = after ? [after.key, after.key, after.id] : [];
      return this.sql
        .exec<CustomerRow>(
          `SELECT * FROM customers WHERE ${where}${site}${keyset} ORDER BY ${key} ${direction}, conversation_id ${direction} LIMIT ?`,
          ...args,
          ...siteArgs,
          ...keysetArgs,
          limit,
        )
        .toArray();
    };
    switch (tier) {
      case "waiting":
        return query("status = 'waiting'", "waiting_since", "ASC", []);
      case "mine":
        return query("agent_id = ? AND status = 'assigned'", "last_activity_at", "DESC", [viewerId]);
      case "others":
        return query("status NOT IN ('waiting', 'closed') AND agent_id IS NOT ?", "last_activity_at", "DESC", [viewerId]);
      case "bot":
        return query("status = 'bot'", "last_activity_at", "DESC", []);
    }
  }

  /** A fresh entry for a session the lobby has not seen, from the session's own report. */
  static fromRef(ref: ConversationRef, state: ConversationState, now: number): CustomerEntry {
    return {
      conversationId: ref.id,
      siteId: ref.siteId ?? "",
      siteName: ref.siteName ?? "",
      visitorId: ref.visitorId ?? "",
      visitorName: ref.visitorName ?? "",
      botEnabled: ref.botEnabled,
      state,
      startedAt: now,
      lastMessage: null,
      lastMessageAt: null,
      lastSenderType: null,
      lastSeq: 0,
      escalationReason: null,
      lastActivityAt: now,
    };
  }

  put(entry: CustomerEntry): void {
    const { state } = entry;
    this.sql.exec(
      `INSERT OR REPLACE INTO customers (conversation_id, site_id, site_name, visitor_id, visitor_name, bot_enabled,
         status, agent_id, agent_name, version, waiting_since, closed_at, started_at, last_message, last_message_at,
         last_sender_type, last_seq, escalation_reason, last_activity_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      entry.conversationId,
      entry.siteId,
      entry.siteName,
      entry.visitorId,
      entry.visitorName,
      entry.botEnabled ? 1 : 0,
      state.status,
      state.agent?.id ?? null,
      state.agent?.name ?? null,
      state.version,
      state.waitingSince,
      state.closedAt,
      entry.startedAt,
      entry.lastMessage,
      entry.lastMessageAt,
      entry.lastSenderType,
      entry.lastSeq,
      entry.escalationReason,
      entry.lastActivityAt,
    );
  }

  /**
   * Sessions silent since `before` (ms), quietest first, at most `limit`: what the inactivity
   * sweep asks about. Read from the activity index, never the whole table.
   */
  silentSince(before: number, limit: number): string[] {
    return this.sql
      .exec<{ conversation_id: string }>(
        "SELECT conversation_id FROM customers WHERE last_activity_at <= ? ORDER BY last_activity_at LIMIT ?",
        before,
        limit,
      )
      .toArray()
      .map((row) => row.conversation_id);
  }

  /** The open sessions of one site; read whole, as only deleting the site asks. */
  idsOfSite(siteId: string): string[] {
    return this.sql
      .exec<{ conversation_id: string }>("SELECT conversation_id FROM customers WHERE site_id = ?", siteId)
      .toArray()
      .map((row) => row.conversation_id);
  }

  /** The quietest session's last activity (ms), or null with no open session. */
  quietestActivity(): number | null {
    return this.sql.exec<{ at: number | null }>("SELECT min(last_activity_at) AS at FROM customers").one().at;
  }

  delete(conversationId: string): void {
    this.sql.exec("DELETE FROM customers WHERE conversation_id = ?", conversationId);
  }

  /** Waiting customers first, longest wait first; then assigned ones by when they started. */
  stopped(options: { siteId?: string | undefined; limit: number; skip: number }): { entries: CustomerEntry[]; total: number } {
    const siteFilter = options.siteId ? "AND site_id = ?" : "";
    const siteArgs = options.siteId ? [options.siteId] : [];
    const where = `status IN ('waiting', 'assigned') ${siteFilter}`;
    const total = this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM customers WHERE ${where}`, ...siteArgs).one().n;
    const rows = this.sql
      .exec<CustomerRow>(
        `SELECT * FROM customers WHERE ${where}
         ORDER BY status = 'assigned', coalesce(waiting_since, started_at) LIMIT ? OFFSET ?`,
        ...siteArgs,
        options.limit,
        options.skip,
      )
      .toArray();
    return { entries: rows.map(toEntry), total };
  }
}

function toEntry(row: CustomerRow): CustomerEntry {
  return {
    conversationId: row.conversation_id,
    siteId: row.site_id,
    siteName: row.site_name,
    visitorId: row.visitor_id,
    visitorName: row.visitor_name,
    botEnabled: row.bot_enabled === 1,
    state: {
      status: row.status as ConversationState["status"],
      agent: row.agent_id ? { id: row.agent_id, name: row.agent_name ?? "" } : null,
      version: row.version,
      waitingSince: row.waiting_since,
      closedAt: row.closed_at,
    },
    startedAt: row.started_at,
    lastMessage: row.last_message,
    lastMessageAt: row.last_message_at,
    lastSenderType: row.last_sender_type as CustomerEntry["lastSenderType"],
    lastSeq: row.last_seq,
    escalationReason: row.escalation_reason,
    lastActivityAt: row.last_activity_at,
  };
}
