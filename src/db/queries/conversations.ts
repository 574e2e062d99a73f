import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { OPEN_SUPPORT_STATUSES, type ConversationSummary, type Message } from "../../protocol";
import { iso, isoOrNull } from "../../lib/time";
import type { ConversationState } from "../../objects/contracts";
import type { Database } from "../client";
import { preparedStatement, type Statement } from "../statements";
import { conversations } from "../schema";

export type ConversationRow = typeof conversations.$inferSelect;

/** Longest last-message preview kept in the index row. */
export const PREVIEW_MAX = 140;

export function findConversation(db: Database, id: string): Promise<ConversationRow | undefined> {
  return db.select().from(conversations).where(eq(conversations.id, id)).get();
}

/** The visitor's current support session: the newest one, whatever its status (closed ones reopen). */
export function latestSupportConversation(db: Database, visitorId: string): Promise<ConversationRow | undefined> {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.visitorId, visitorId), eq(conversations.kind, "support")))
    .orderBy(desc(conversations.createdAt))
    .limit(1)
    .get();
}

/**
 * The visitor's current support session, created on first sight. The insert only happens when the
 * visitor has none, decided inside D1, so two tabs opening at once still share one session.
 */
export async function getOrCreateSupportConversation(
  db: Database,
  values: { workspaceId: string; siteId: string; visitorId: string; now: number },
): Promise<ConversationRow> {
  const existing = await latestSupportConversation(db, values.visitorId);
  if (existing) return existing;
  const { workspaceId, siteId, visitorId, now } = values;
  await db.run(sql`
    INSERT INTO conversations (id, workspace_id, kind, site_id, visitor_id, status, created_by, created_at, updated_at)
    SELECT ${crypto.randomUUID()}, ${workspaceId}, 'support', ${siteId}, ${visitorId}, 'bot', ${visitorId}, ${now}, ${now}
    WHERE NOT EXISTS (SELECT 1 FROM conversations WHERE visitor_id = ${visitorId} AND kind = 'support')`);
  const created = await latestSupportConversation(db, visitorId);
  if (!created) throw new Error("support conversation vanished right after its insert");
  return created;
}

/** What a report brings to a conversation's index row: the messages since the last one, and the state. */
export interface ConversationActivity {
  /** Highest seq reported (0 when the report carries no message). */
  lastSeq: number;
  /** The newest message a person or the bot wrote; system notes make poor previews. */
  preview: Message | null;
  /** When the first visitor message and the first agent reply of the report were written (ms). */
  firstVisitorAt: number | null;
  firstAgentAt: number | null;
  state: ConversationState;
  /** The newest activity the report covers (ms). */
  at: number;
}

/** The activity a batch of messages (oldest first) brings, with the state to record beside it. */
export function activityOf(messages: readonly Message[], state: ConversationState, now: number): ConversationActivity {
  const first = (type: Message["sender_type"]) => {
    const message = messages.find((m) => m.sender_type === type);
    return message ? Date.parse(message.timestamp) : null;
  };
  const last = messages.at(-1);
  return {
    lastSeq: last?.seq ?? 0,
    preview: messages.findLast((message) => message.sender_type !== "system") ?? null,
    firstVisitorAt: first("user"),
    firstAgentAt: first("agent"),
    state,
    at: last ? Date.parse(last.timestamp) : now,
  };
}

/** The values of the index row's update (`recordActivity`). */
type ActivityValue =
  | "id"
  | "seq"
  | "hasPreview"
  | "preview"
  | "previewAt"
  | "previewSender"
  | "firstVisitorAt"
  | "firstAgentAt"
  | "at"
  | "version"
  | "status"
  | "assigneeId"
  | "assigneeName"
  | "waitingSince"
  | "closedAt";

/** The index row's update, printed once (`preparedStatement`); see `recordActivity`. */
const activityStatement = preparedStatement<ActivityValue>((db) => {
  const t = conversations;
  const value = (name: ActivityValue) => sql.placeholder(name);
  const newer = sql`${value("hasPreview")} AND ${value("seq")} > ${t.lastSeq}`;
  const newerState = sql`${value("version")} > ${t.stateVersion}`;
  // The earliest of the row's time and the report's; a report without one leaves the row's.
  const earliest = (column: SQLiteColumn, name: ActivityValue) =>
    sql`CASE WHEN ${value(name)} IS NULL THEN ${column} ELSE min(coalesce(${column}, ${value(name)}), ${value(name)}) END`;
  return db
    .update(t)
    .set({
      lastSeq: sql`max(${t.lastSeq}, ${value("seq")})`,
      lastMessagePreview: sql`CASE WHEN ${newer} THEN ${value("preview")} ELSE ${t.lastMessagePreview} END`,
      lastMessageAt: sql`CASE WHEN ${newer} THEN ${value("previewAt")} ELSE ${t.lastMessageAt} END`,
      lastSenderType: sql`CASE WHEN ${newer} THEN ${value("previewSender")} ELSE ${t.lastSenderType} END`,
      startedAt: earliest(t.startedAt, "firstVisitorAt"),
      firstResponseAt: earliest(t.firstResponseAt, "firstAgentAt"),
      updatedAt: sql`max(${t.updatedAt}, ${value("at")})`,
      status: sql`CASE WHEN ${newerState} THEN ${value("status")} ELSE ${t.status} END`,
      assigneeId: sql`CASE WHEN ${newerState} THEN ${value("assigneeId")} ELSE ${t.assigneeId} END`,
      assigneeName: sql`CASE WHEN ${newerState} THEN ${value("assigneeName")} ELSE ${t.assigneeName} END`,
      waitingSince: sql`CASE WHEN ${newerState} THEN ${value("waitingSince")} ELSE ${t.waitingSince} END`,
      closedAt: sql`CASE WHEN ${newerState} THEN ${value("closedAt")} ELSE ${t.closedAt} END`,
      stateVersion: sql`max(${t.stateVersion}, ${value("version")})`,
    })
    .where(eq(t.id, value("id")));
});

/**
 * The one D1 write of a report. Each column only moves forward: a late write for an older seq
 * or an older state version leaves newer values alone, and the first visitor and agent times keep
 * the earliest, so reports may land in any order.
 */
export function recordActivity(db: Database, conversationId: string, activity: ConversationActivity): Statement {
  const { lastSeq: seq, preview: message, state, at } = activity;
  return activityStatement(db, {
    id: conversationId,
    seq,
    hasPreview: message !== null,
    preview: message ? message.content.slice(0, PREVIEW_MAX) : null,
    previewAt: message ? Date.parse(message.timestamp) : null,
    previewSender: message?.sender_type ?? null,
    firstVisitorAt: activity.firstVisitorAt,
    firstAgentAt: activity.firstAgentAt,
    at,
    version: state.version,
    status: state.status,
    assigneeId: state.agent?.id ?? null,
    assigneeName: state.agent?.name ?? null,
    waitingSince: state.waitingSince,
    closedAt: state.closedAt,
  });
}

export function conversationsOfVisitors(db: Database, visitorIds: string[]): Promise<ConversationRow[]> {
  if (visitorIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(conversations)
    .where(and(inArray(conversations.visitorId, visitorIds), eq(conversations.kind, "support")))
    .orderBy(desc(conversations.updatedAt))
    .limit(100)
    .all();
}

/**
 * The support conversations a visitor may open, newest first: those their browser started that no
 * user is stamped on and, once they are a verified user, that user's on this site from any
 * browser. The same rule as `authorizeConversation`.
 */
export function conversationsOfVisitor(
  db: Database,
  visitor: { id: string; siteId: string; externalUserId: string | null },
): Promise<ConversationRow[]> {
  const own = and(eq(conversations.visitorId, visitor.id), isNull(conversations.externalUserId));
  const usersOwn = visitor.externalUserId
    ? or(own, and(eq(conversations.siteId, visitor.siteId), eq(conversations.externalUserId, visitor.externalUserId)))
    : own;
  return db
    .select()
    .from(conversations)
    .where(and(usersOwn, eq(conversations.kind, "support")))
    .orderBy(desc(conversations.updatedAt))
    .limit(100)
    .all();
}

export function toSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    site_id: row.siteId,
    visitor_id: row.visitorId,
    title: row.title,
    agent: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
    last_seq: row.lastSeq,
    last_message: row.lastMessagePreview,
    last_message_at: isoOrNull(row.lastMessageAt),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

/**
 * Ids of open support conversations, of every workspace, whose index row has not moved since
 * `before` (ms), at most `limit`: the candidates of the Cron's timeout sweep (SPEC §11). Each
 * workspace is one range of `conversations_list` per open status; no conversation is read whole.
 * CROSS JOIN keeps that order: SQLite would otherwise walk the whole index when tables are small.
 */
export async function staleOpenConversations(db: Database, before: number, limit: number): Promise<string[]> {
  const open = sql.join(OPEN_SUPPORT_STATUSES.map((status) => sql`${status}`), sql`, `);
  const rows = await db.all<{ id: string }>(sql`
    SELECT conversations.id AS id FROM workspaces CROSS JOIN conversations
    WHERE conversations.workspace_id = workspaces.id AND conversations.kind = 'support'
      AND conversations.status IN (${open}) AND conversations.started_at IS NOT NULL
      AND conversations.updated_at < ${before}
    LIMIT ${limit}`);
  return rows.map((row) => row.id);
}
