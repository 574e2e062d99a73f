import { Hono } from "hono";
import { deleteFaq, faqView, findWorkspaceFaq, insertFaq, reorderFaqs, updateFaq } from "../db/queries/faqs";
import { listFaqs } from "../db/queries/sites";
import type { Database } from "../db/client";
import type { AppEnv } from "../env";
import { requireAdmin } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { siteAccess } from "../middleware/site-access";
import { jsonBody } from "../middleware/validate";
import {
  CreateFaqBodySchema,
  FAQS_PER_SITE_MAX,
  FaqOrderBodySchema,
  UpdateFaqBodySchema,
  type FaqListResponse,
} from "../protocol";

const FAQ_NOT_FOUND = () => new ApiError(404, "not_found", "No such FAQ in your workspace");

async function faqList(db: Database, siteId: string): Promise<FaqListResponse> {
  return { faqs: (await listFaqs(db, siteId)).map(faqView) };
}

/**
 * Why `ids` is not every FAQ id of the site exactly once, or null when it is. The details list
 * the ids missing, those not of this site and those given twice.
 */
function orderProblem(siteIds: readonly string[], ids: readonly string[]) {
  const known = new Set(siteIds);
  const given = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (given.has(id) ? repeated : given).add(id);
  const missing = siteIds.filter((id) => !given.has(id));
  const unknown = [...given].filter((id) => !known.has(id));
  if (missing.length === 0 && unknown.length === 0 && repeated.size === 0) return null;
  const parts = [
    missing.length > 0 ? `missing ${missing.join(", ")}` : null,
    unknown.length > 0 ? `not FAQs of this site: ${unknown.join(", ")}` : null,
    repeated.size > 0 ? `given twice: ${[...repeated].join(", ")}` : null,
  ].filter((part) => part !== null);
  return {
    message: `ids must list each of this site's ${siteIds.length} FAQs once (${parts.join("; ")})`,
    details: { missing, unknown, repeated: [...repeated] },
  };
}

/** A site's FAQs (SPEC §5), mounted at `/api/sites/:site_id/faqs`: in the widget's order. */
export const siteFaqRoutes = new Hono<AppEnv>();

siteFaqRoutes.get("/", requireAdmin, siteAccess, async (c) => c.json(await faqList(c.var.db, c.var.site.id)));

siteFaqRoutes.post("/", requireAdmin, siteAccess, async (c) => {
  const body = await jsonBody(c.req.raw, CreateFaqBodySchema);
  const faq = await insertFaq(c.var.db, c.var.site.id, body, Date.now());
  if (!faq) throw new ApiError(409, "too_many_faqs", `A site has at most ${FAQS_PER_SITE_MAX} FAQs; delete one first`);
  return c.json(faqView(faq), 201);
});

siteFaqRoutes.put("/order", requireAdmin, siteAccess, async (c) => {
  const { ids } = await jsonBody(c.req.raw, FaqOrderBodySchema);
  const current = await listFaqs(c.var.db, c.var.site.id);
  const problem = orderProblem(current.map((faq) => faq.id), ids);
  if (problem) throw new ApiError(400, "invalid_order", problem.message, problem.details);
  await reorderFaqs(c.var.db, c.var.site.id, ids);
  return c.json(await faqList(c.var.db, c.var.site.id));
});

/** One FAQ by its id (SPEC §5), for the admins of its site's workspace. */
export const faqRoutes = new Hono<AppEnv>();

faqRoutes.patch("/:faq_id", requireAdmin, async (c) => {
  const faq = await findWorkspaceFaq(c.var.db, c.var.agent.agent.workspaceId, c.req.param("faq_id"));
  if (!faq) throw FAQ_NOT_FOUND();
  const changes = await jsonBody(c.req.raw, UpdateFaqBodySchema);
  const updated = await updateFaq(c.var.db, faq.id, changes);
  if (!updated) throw FAQ_NOT_FOUND();
  return c.json(faqView(updated));
});

faqRoutes.delete("/:faq_id", requireAdmin, async (c) => {
  const faq = await findWorkspaceFaq(c.var.db, c.var.agent.agent.workspaceId, c.req.param("faq_id"));
  if (!faq) throw FAQ_NOT_FOUND();
  await deleteFaq(c.var.db, faq.id);
  return c.body(null, 204);
});
