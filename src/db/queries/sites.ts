import { and, asc, eq, isNull } from "drizzle-orm";
import { iso } from "../../lib/time";
import {
  BusinessHoursSchema,
  DEFAULT_THEME,
  ThemeSchema,
  type BusinessHours,
  type WhenAway, type Site, type SitePublic, type SiteSummary, type Theme } from "../../protocol";
import type { Database } from "../client";
import { faqs, sites } from "../schema";

export type SiteRow = typeof sites.$inferSelect;
export type FaqRow = typeof faqs.$inferSelect;

/** The live site of a widget key; a deleted site's key finds nothing (SPEC §5). */
export function findSiteByKey(db: Database, siteKey: string): Promise<SiteRow | undefined> {
  return db
    .select()
    .from(sites)
    .where(and(eq(sites.siteKey, siteKey), isNull(sites.deletedAt)))
    .get();
}

/** A live site of one workspace; another workspace's or a deleted one is not found. */
export function findWorkspaceSite(db: Database, workspaceId: string, siteId: string): Promise<SiteRow | undefined> {
  return db
    .select()
    .from(sites)
    .where(and(eq(sites.id, siteId), eq(sites.workspaceId, workspaceId), isNull(sites.deletedAt)))
    .get();
}

/** A workspace's live sites by name. */
export function listSites(db: Database, workspaceId: string): Promise<SiteRow[]> {
  return db
    .select()
    .from(sites)
    .where(and(eq(sites.workspaceId, workspaceId), isNull(sites.deletedAt)))
    .orderBy(asc(sites.name))
    .all();
}

export function findSite(db: Database, siteId: string): Promise<SiteRow | undefined> {
  return db.select().from(sites).where(eq(sites.id, siteId)).get();
}

export function listFaqs(db: Database, siteId: string): Promise<FaqRow[]> {
  return db.select().from(faqs).where(eq(faqs.siteId, siteId)).orderBy(asc(faqs.position), asc(faqs.createdAt)).all();
}

export function findFaq(db: Database, siteId: string, faqId: string): Promise<FaqRow | undefined> {
  return db.select().from(faqs).where(and(eq(faqs.siteId, siteId), eq(faqs.id, faqId))).get();
}

export function allowedOrigins(site: SiteRow): string[] {
  const parsed: unknown = JSON.parse(site.allowedOrigins);
  return Array.isArray(parsed) ? parsed.filter((origin): origin is string => typeof origin === "string") : [];
}

/** Exact match on scheme, host and port; `"*"` in the list allows any origin. */
export function isOriginAllowed(site: SiteRow, origin: string | null | undefined): boolean {
  if (!origin) return false;
  const list = allowedOrigins(site);
  return list.includes("*") || list.includes(origin);
}

export function siteTheme(site: SiteRow): Theme {
  const parsed = ThemeSchema.partial().safeParse(JSON.parse(site.theme));
  return { ...DEFAULT_THEME, ...(parsed.success ? parsed.data : {}) };
}

/** The stored business hours, or null (always open) when unset or no longer valid. */
export function siteBusinessHours(site: SiteRow): BusinessHours | null {
  if (site.businessHours === null) return null;
  const parsed = BusinessHoursSchema.safeParse(JSON.parse(site.businessHours));
  return parsed.success ? parsed.data : null;
}

function whenAway(site: SiteRow): WhenAway {
  return site.whenAway === "hide" ? "hide" : "form";
}

export function siteSummary(site: SiteRow): SiteSummary {
  return { id: site.id, name: site.name, site_key: site.siteKey };
}

/** A site as its admins see it: every setting but the identity secret itself. */
export function siteSettings(site: SiteRow): Site {
  return {
    ...siteSummary(site),
    allowed_origins: allowedOrigins(site),
    theme: siteTheme(site),
    greeting: site.greeting,
    locale: site.locale,
    bot_enabled: site.botEnabled,
    business_hours: siteBusinessHours(site),
    only_when_agents_online: site.onlyWhenAgentsOnline,
    away_message: site.awayMessage,
    when_away: whenAway(site),
    identity_enabled: site.identitySecret !== null,
    created_at: iso(site.createdAt),
    updated_at: iso(site.updatedAt),
  };
}

export function publicSite(site: SiteRow, faqRows: FaqRow[]): SitePublic {
  return {
    id: site.id,
    name: site.name,
    theme: siteTheme(site),
    greeting: site.greeting,
    locale: site.locale,
    bot_enabled: site.botEnabled,
    faqs: faqRows.map((faq) => ({ id: faq.id, question: faq.question })),
    away_message: site.awayMessage,
    when_away: whenAway(site),
  };
}
