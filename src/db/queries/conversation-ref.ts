import { eq } from "drizzle-orm";
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
 * A conversation with its site and visitor in one D1 read, and the description its object needs;
 * a team chat's members in a second one.
 */
export async function loadConversation(db: Database, id: string): Promise<LoadedConversation | null> {
  const found = await db
    .select({ row: conversations, site: sites, visitor: visitors })
    .from(conversations)
    .leftJoin(sites, eq(sites.id, conversations.siteId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(eq(conversations.id, id))
    .get();
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
