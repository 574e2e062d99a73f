import { and, eq, isNull, sql } from "drizzle-orm";
import { DEFAULT_THEME, SITES_PER_WORKSPACE_MAX, type BusinessHours, type CreateSiteBody, type UpdateSiteBody } from "../../protocol";
import type { Database } from "../client";
import { sites } from "../schema";
import { siteTheme, type SiteRow } from "./sites";

function businessHoursText(hours: BusinessHours | null): string | null {
  return hours === null ? null : JSON.stringify(hours);
}

/**
 * Stores a new site of `workspaceId` with its settings and the public key it will always have,
 * unless the workspace has `SITES_PER_WORKSPACE_MAX` live sites: counted and inserted in one
 * statement, so requests at once cannot pass the cap together. Undefined when the cap refused it.
 */
export async function insertSite(
  db: Database,
  values: { workspaceId: string; siteKey: string; settings: CreateSiteBody; now: number },
): Promise<SiteRow | undefined> {
  const { workspaceId, settings, now } = values;
  const id = crypto.randomUUID();
  const theme = JSON.stringify({ ...DEFAULT_THEME, ...settings.theme });
  await db.run(sql`
    INSERT INTO sites (id, workspace_id, site_key, name, allowed_origins, theme, greeting, locale, bot_enabled,
      business_hours, only_when_agents_online, away_message, when_away, created_at, updated_at)
    SELECT ${id}, ${workspaceId}, ${values.siteKey}, ${settings.name}, ${JSON.stringify(settings.allowed_origins)}, ${theme},
      ${settings.greeting}, ${settings.locale}, ${settings.bot_enabled ? 1 : 0}, ${businessHoursText(settings.business_hours)},
      ${settings.only_when_agents_online ? 1 : 0}, ${settings.away_message}, ${settings.when_away}, ${now}, ${now}
    WHERE (SELECT count(*) FROM sites WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL) < ${SITES_PER_WORKSPACE_MAX}`);
  return db.select().from(sites).where(eq(sites.id, id)).get();
}

/**
 * Applies an admin's changes to a live site; theme fields left out keep their value. Undefined
 * when the site was deleted meanwhile.
 */
export function updateSite(db: Database, site: SiteRow, changes: UpdateSiteBody, now: number): Promise<SiteRow | undefined> {
  return db
    .update(sites)
    .set({
      name: changes.name,
      allowedOrigins: changes.allowed_origins === undefined ? undefined : JSON.stringify(changes.allowed_origins),
      theme: changes.theme === undefined ? undefined : JSON.stringify({ ...siteTheme(site), ...changes.theme }),
      greeting: changes.greeting,
      locale: changes.locale,
      botEnabled: changes.bot_enabled,
      businessHours: changes.business_hours === undefined ? undefined : businessHoursText(changes.business_hours),
      onlyWhenAgentsOnline: changes.only_when_agents_online,
      awayMessage: changes.away_message,
      whenAway: changes.when_away,
      updatedAt: now,
    })
    .where(and(eq(sites.id, site.id), isNull(sites.deletedAt)))
    .returning()
    .get();
}

/**
 * Replaces the identity secret: from this write on, only `user_hash`es keyed with the new one
 * verify. Returns whether the live site was found.
 */
export async function replaceIdentitySecret(db: Database, siteId: string, secret: string, now: number): Promise<boolean> {
  const updated = await db
    .update(sites)
    .set({ identitySecret: secret, updatedAt: now })
    .where(and(eq(sites.id, siteId), isNull(sites.deletedAt)))
    .returning({ id: sites.id })
    .get();
  return updated !== undefined;
}

/**
 * Marks a live site of the workspace deleted (SPEC §5): its key stops working, its rows stay for
 * the inbox's history, its identity secret is dropped as nothing may verify with it any more.
 * Decided in the one statement, so of two deletes only one finds the site.
 */
export function markSiteDeleted(db: Database, workspaceId: string, siteId: string, now: number): Promise<SiteRow | undefined> {
  return db
    .update(sites)
    .set({ deletedAt: now, identitySecret: null, updatedAt: now })
    .where(and(eq(sites.id, siteId), eq(sites.workspaceId, workspaceId), isNull(sites.deletedAt)))
    .returning()
    .get();
}
