import { eq, sql } from "drizzle-orm";
import type { ConversationRef } from "../../objects/contracts";
import type { Database } from "../client";
import { conversations, sites, visitors } from "../schema";
import type { TeamMember } from "../../protocol";
import type { ConversationRow } from "./conversations";
import type { SiteRow } from "./sites";
import { teamMembers } from "./team-chats";
import { visitorDisplayName, type VisitorRow } from "./visitors";

export interface LoadedConversation {
  row: ConversationRow;
  site: SiteRow | null;
  visitor: VisitorRow | null;
  ref: ConversationRef;
}

/**
 * The read behind `loadConversation`, built once per client: every conversation route and every
 * socket upgrade runs it, and building a select of three whole tables (some sixty columns) cost
 * more CPU than anything else on the upgrade path (measured: a third of the worker's time on a
 * refused upgrade).
 */
const prepared = new WeakMap<Database, ReturnType<typeof prepareLoad>>();

function prepareLoad(db: Database) {
  return db
    .select({ row: conversations, site: sites, visitor: visitors })
    .from(conversations)
    .leftJoin(sites, eq(sites.id, conversations.siteId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(eq(conversations.id, sql.placeholder("id")))
    .prepare();
}

/**
 * A conversation with its site and visitor in one D1 read, and the description its object needs;
 * a team chat's members in a second one. Null when there is no conversation `id`.
 */
export async function loadConversation(db: Database, id: string): Promise<LoadedConversation | null> {
  let load = prepared.get(db);
  if (!load) {
    load = prepareLoad(db);
    prepared.set(db, load);
  }
  const found = await load.get({ id });
  if (!found) return null;
  const members = found.row.kind === "support" ? [] : await teamMembers(db, id);
  return { ...found, ref: conversationRef(found.row, found.site, found.visitor, members) };
}

export function conversationRef(
  row: ConversationRow,
  site: SiteRow | null,
  visitor: VisitorRow | null,
  members: TeamMember[] = [],
): ConversationRef {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    title: row.title,
    siteId: row.siteId,
    siteName: site?.name ?? null,
    visitorId: row.visitorId,
    visitorName: visitor ? visitorDisplayName(visitor) : null,
    botEnabled: site?.botEnabled ?? false,
    createdAt: row.createdAt,
    members,
  };
}
