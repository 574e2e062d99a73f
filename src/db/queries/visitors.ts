import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { VisitorContext } from "../../protocol";
import type { Database } from "../client";
import { conversations, visitors } from "../schema";
import type { SiteRow } from "./sites";

export type VisitorRow = typeof visitors.$inferSelect;

/** What the worker knows about a visitor's browser beyond what the widget reports. */
export interface RequestContext {
  userAgent: string | null;
  country: string | null;
  city: string | null;
}

/** Name agents see until the visitor is identified: stable and short, from the visitor id. */
export function visitorDisplayName(visitor: Pick<VisitorRow, "id" | "name">): string {
  return visitor.name ?? `Visitor ${visitor.id.slice(0, 4).toUpperCase()}`;
}

/**
 * Returns the visitor of this browser on this site, creating it on first sight. Concurrent first
 * requests from two tabs both end up with the one row the unique index lets in.
 */
export async function upsertVisitor(
  db: Database,
  site: SiteRow,
  browserSessionId: string,
  context: VisitorContext & RequestContext,
  now: number,
): Promise<VisitorRow> {
  const contextJson = JSON.stringify(context);
  const row = await db
    .insert(visitors)
    .values({
      id: crypto.randomUUID(),
      workspaceId: site.workspaceId,
      siteId: site.id,
      browserSessionId,
      context: contextJson,
      createdAt: now,
      lastSeenAt: now,
    })
    .onConflictDoUpdate({
      target: [visitors.siteId, visitors.browserSessionId],
      set: { context: contextJson, lastSeenAt: now },
    })
    .returning()
    .get();
  return row;
}

export function findVisitor(db: Database, visitorId: string): Promise<VisitorRow | undefined> {
  return db.select().from(visitors).where(eq(visitors.id, visitorId)).get();
}

/**
 * Links the visitor to a verified user and, in the same batch, makes the browser's conversations
 * that no user has yet that user's. A conversation already stamped keeps its user: a shared
 * browser identified as someone else later does not hand it to that person's other devices.
 */
export async function identifyVisitor(
  db: Database,
  visitorId: string,
  identity: { externalUserId: string; name: string | null; email: string | null },
): Promise<VisitorRow | undefined> {
  const [linked] = await db.batch([
    db
      .update(visitors)
      .set({
        externalUserId: identity.externalUserId,
        name: sql`coalesce(${identity.name}, ${visitors.name})`,
        email: sql`coalesce(${identity.email}, ${visitors.email})`,
      })
      .where(eq(visitors.id, visitorId))
      .returning(),
    db
      .update(conversations)
      .set({ externalUserId: identity.externalUserId })
      .where(and(eq(conversations.visitorId, visitorId), eq(conversations.kind, "support"), isNull(conversations.externalUserId))),
  ]);
  return linked[0];
}

/** Visitors of a workspace known by this visitor id or verified user id (agents' lookups). */
export async function visitorIdsInWorkspace(db: Database, workspaceId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: visitors.id })
    .from(visitors)
    .where(and(eq(visitors.workspaceId, workspaceId), or(eq(visitors.id, userId), eq(visitors.externalUserId, userId))))
    .all();
  return rows.map((row) => row.id);
}

/** The address a visitor gave in the away form (SPEC §12), unverified, kept apart from `email`. */
export async function setContactEmail(db: Database, visitorId: string, email: string): Promise<void> {
  await db.update(visitors).set({ contactEmail: email }).where(eq(visitors.id, visitorId));
}
