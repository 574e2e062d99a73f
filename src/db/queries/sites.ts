import { and, asc, eq } from "drizzle-orm";
import { DEFAULT_THEME, ThemeSchema, type SitePublic, type Theme } from "../../protocol";
import type { Database } from "../client";
import { faqs, sites } from "../schema";

export type SiteRow = typeof sites.$inferSelect;
export type FaqRow = typeof faqs.$inferSelect;

export function findSiteByKey(db: Database, siteKey: string): Promise<SiteRow | undefined> {
  return db.select().from(sites).where(eq(sites.siteKey, siteKey)).get();
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

export function publicSite(site: SiteRow, faqRows: FaqRow[]): SitePublic {
  return {
    id: site.id,
    name: site.name,
    theme: siteTheme(site),
    greeting: site.greeting,
    locale: site.locale,
    bot_enabled: site.botEnabled,
    faqs: faqRows.map((faq) => ({ id: faq.id, question: faq.question })),
  };
}
