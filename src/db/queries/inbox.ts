import { and, desc, eq, inArray, isNotNull, lt, ne, or, type SQL } from "drizzle-orm";
import { OPEN_SUPPORT_STATUSES, type ConversationListItem, type ConversationListQuery, type ConversationStatus, type InboxFilter } from "../../protocol";
import { decodeCursor, encodeCursor } from "../../lib/keyset-cursor";
import { isoOrNull } from "../../lib/time";
import type { Database } from "../client";
import { conversations, sites, visitors } from "../schema";
import { toSummary, type ConversationRow } from "./conversations";
import { visitorDisplayName, type VisitorRow } from "./visitors";

/** Keyset cursor: the last row's `updated_at` and id, so pages never skip or repeat rows. */
function encodeRowCursor(row: ConversationRow): string {
  return encodeCursor([row.updatedAt, row.id]);
}

function decodeRowCursor(cursor: string): [number, string] | null {
  const [updatedAt, id] = decodeCursor(cursor) ?? [];
  return typeof updatedAt === "number" && typeof id === "string" ? [updatedAt, id] : null;
}

/** The statuses each filter lists: an explicit list, so every branch reads the index in order. */
const STATUSES_OF: Record<Exclude<InboxFilter, "mine">, readonly ConversationStatus[]> = {
  waiting: ["waiting"],
  bot: ["bot"],
  closed: ["closed"],
  open: OPEN_SUPPORT_STATUSES,
  all: [...OPEN_SUPPORT_STATUSES, "closed"],
};

export type InboxPage = { conversations: ConversationListItem[]; next_cursor: string | null } | { badCursor: true };

/**
 * One page of a workspace's conversation list, newest activity first. Only started
 * conversations appear: a support session once its visitor wrote (SPEC §4.1), not a bare page view.
 *
 * Each status is read from the `conversations_list` index in its own order, at most one page
 * (plus one) each, and the branches are merged here: a deep keyset page costs what the first
 * page costs, however many conversations the workspace has. "mine" reads the agent's own
 * `conversations_assignee` index.
 */
export async function listInbox(db: Database, workspaceId: string, agentId: string, query: ConversationListQuery): Promise<InboxPage> {
  const after = query.cursor ? decodeRowCursor(query.cursor) : null;
  if (query.cursor && !after) return { badCursor: true };
  const take = query.limit + 1;
  const shared = [
    // Started conversations only, always: it is also what lets the partial list index serve.
    isNotNull(conversations.startedAt),
    query.site_id ? eq(conversations.siteId, query.site_id) : undefined,
    after
      ? or(lt(conversations.updatedAt, after[0]), and(eq(conversations.updatedAt, after[0]), lt(conversations.id, after[1])))
      : undefined,
  ];
  const branch = (where: SQL | undefined) =>
    db
      .select({ row: conversations, site: sites, visitor: visitors })
      .from(conversations)
      .leftJoin(sites, eq(sites.id, conversations.siteId))
      .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(and(where, ...shared))
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(take);
  const branches =
    query.filter === "mine"
      ? [branch(and(eq(conversations.assigneeId, agentId), eq(conversations.workspaceId, workspaceId), eq(conversations.kind, query.kind)))]
      : STATUSES_OF[query.filter].map((status) =>
          branch(and(eq(conversations.workspaceId, workspaceId), eq(conversations.kind, query.kind), eq(conversations.status, status))),
        );
  const results = await Promise.all(branches.map((branch) => branch.all()));
  const rows = results
    .flat()
    .sort((a, b) => b.row.updatedAt - a.row.updatedAt || (a.row.id < b.row.id ? 1 : a.row.id > b.row.id ? -1 : 0))
    .slice(0, take);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    conversations: page.map(({ row, site, visitor }) => toListItem(row, site?.name ?? null, visitor)),
    next_cursor: rows.length > query.limit && last ? encodeRowCursor(last.row) : null,
  };
}

export function toListItem(row: ConversationRow, siteName: string | null, visitor: VisitorRow | null): ConversationListItem {
  return {
    ...toSummary(row),
    visitor_name: visitor ? visitorDisplayName(visitor) : null,
    site_name: siteName,
    waiting_since: isoOrNull(row.waitingSince),
    closed_at: isoOrNull(row.closedAt),
    started_at: isoOrNull(row.startedAt),
  };
}

/** A visitor's other support sessions (and, when identified, those from their other browsers). */
export async function previousConversations(db: Database, visitor: VisitorRow, excludeId: string): Promise<ConversationRow[]> {
  const sameUser = visitor.externalUserId
    ? await db
        .select({ id: visitors.id })
        .from(visitors)
        .where(and(eq(visitors.siteId, visitor.siteId), eq(visitors.externalUserId, visitor.externalUserId)))
        .all()
    : [{ id: visitor.id }];
  return db
    .select()
    .from(conversations)
    .where(
      and(
        inArray(
          conversations.visitorId,
          sameUser.map((v) => v.id),
        ),
        ne(conversations.id, excludeId),
        isNotNull(conversations.startedAt),
      ),
    )
    .orderBy(desc(conversations.updatedAt))
    .limit(20)
    .all();
}
