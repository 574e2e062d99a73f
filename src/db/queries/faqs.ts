import { and, eq, isNull, sql } from "drizzle-orm";
import { iso } from "../../lib/time";
import { FAQS_PER_SITE_MAX, type CreateFaqBody, type Faq, type UpdateFaqBody } from "../../protocol";
import type { Database } from "../client";
import { faqs, sites } from "../schema";
import type { FaqRow } from "./sites";

export function faqView(row: FaqRow): Faq {
  return {
    id: row.id,
    site_id: row.siteId,
    question: row.question,
    answer: row.answer,
    keywords: row.keywords,
    created_at: iso(row.createdAt),
  };
}

/** A FAQ of a live site of the workspace; another workspace's, or a deleted site's, is not found. */
export async function findWorkspaceFaq(db: Database, workspaceId: string, faqId: string): Promise<FaqRow | undefined> {
  const found = await db
    .select({ faq: faqs })
    .from(faqs)
    .innerJoin(sites, eq(sites.id, faqs.siteId))
    .where(and(eq(faqs.id, faqId), eq(sites.workspaceId, workspaceId), isNull(sites.deletedAt)))
    .get();
  return found?.faq;
}

/**
 * Adds a FAQ after the site's others, unless the site has `FAQS_PER_SITE_MAX` already: counted
 * and inserted in one statement, so requests at once cannot pass the cap together. Undefined
 * when the cap refused it.
 */
export async function insertFaq(db: Database, siteId: string, body: CreateFaqBody, now: number): Promise<FaqRow | undefined> {
  const id = crypto.randomUUID();
  await db.run(sql`
    INSERT INTO faqs (id, site_id, question, answer, keywords, position, created_at)
    SELECT ${id}, ${siteId}, ${body.question}, ${body.answer}, ${body.keywords}, coalesce(top + 1, 0), ${now}
    FROM (SELECT count(*) AS n, max(position) AS top FROM faqs WHERE site_id = ${siteId})
    WHERE n < ${FAQS_PER_SITE_MAX}`);
  return db.select().from(faqs).where(eq(faqs.id, id)).get();
}

export function updateFaq(db: Database, faqId: string, changes: UpdateFaqBody): Promise<FaqRow | undefined> {
  return db
    .update(faqs)
    .set({ question: changes.question, answer: changes.answer, keywords: changes.keywords })
    .where(eq(faqs.id, faqId))
    .returning()
    .get();
}

export async function deleteFaq(db: Database, faqId: string): Promise<void> {
  await db.delete(faqs).where(eq(faqs.id, faqId)).run();
}

/** Gives the site's FAQs the positions of `ids` (each one of the site's, in the new order). */
export async function reorderFaqs(db: Database, siteId: string, ids: readonly string[]): Promise<void> {
  const [first, ...rest] = ids.map((id, position) =>
    db
      .update(faqs)
      .set({ position })
      .where(and(eq(faqs.id, id), eq(faqs.siteId, siteId))),
  );
  if (first) await db.batch([first, ...rest]);
}
