import { Hono } from "hono";
import { insertSite, markSiteDeleted, replaceIdentitySecret, updateSite } from "../db/queries/site-admin";
import { listSites, siteSettings, siteSummary } from "../db/queries/sites";
import type { AppEnv } from "../env";
import { logEvent } from "../lib/log";
import { newIdentitySecret, newSiteKey } from "../lib/site-credentials";
import { requireAdmin, requireAgent } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { siteAccess } from "../middleware/site-access";
import { jsonBody } from "../middleware/validate";
import { lobbyOf } from "../objects/stubs";
import {
  CreateSiteBodySchema,
  SITES_PER_WORKSPACE_MAX,
  UpdateSiteBodySchema,
  type IdentitySecretResponse,
  type SiteListResponse,
} from "../protocol";
import { siteFaqRoutes } from "./faqs";

/**
 * The sites of the caller's workspace (SPEC §5 "Admin only"): settings, the identity secret,
 * deletion, and each site's FAQs. The widget reads every change on its next session init.
 */
export const siteRoutes = new Hono<AppEnv>();

const SITE_NOT_FOUND = () => new ApiError(404, "not_found", "No such site in your workspace");

/** Every agent reads the list, for the inbox's site filter; only admins see the settings. */
siteRoutes.get("/", requireAgent, async (c) => {
  const { agent } = c.var.agent;
  const rows = await listSites(c.var.db, agent.workspaceId);
  const body: SiteListResponse = { sites: rows.map(agent.role === "admin" ? siteSettings : siteSummary) };
  return c.json(body);
});

siteRoutes.post("/", requireAdmin, async (c) => {
  const settings = await jsonBody(c.req.raw, CreateSiteBodySchema);
  const site = await insertSite(c.var.db, {
    workspaceId: c.var.agent.agent.workspaceId,
    siteKey: newSiteKey(),
    settings,
    now: Date.now(),
  });
  if (!site) throw new ApiError(409, "too_many_sites", `A workspace has at most ${SITES_PER_WORKSPACE_MAX} sites; delete one first`);
  return c.json(siteSettings(site), 201);
});

siteRoutes.get("/:site_id", requireAdmin, siteAccess, (c) => c.json(siteSettings(c.var.site)));

siteRoutes.patch("/:site_id", requireAdmin, siteAccess, async (c) => {
  const changes = await jsonBody(c.req.raw, UpdateSiteBodySchema);
  const updated = await updateSite(c.var.db, c.var.site, changes, Date.now());
  if (!updated) throw SITE_NOT_FOUND();
  return c.json(siteSettings(updated));
});

/**
 * Deletes a site: its key stops at once (D1 decides, so a second delete finds nothing), then the
 * lobby closes its open conversations. The site is gone even if the lobby cannot be reached;
 * agents can still close those by hand, and their visitors are refused by the access rule.
 */
siteRoutes.delete("/:site_id", requireAdmin, async (c) => {
  const { workspaceId } = c.var.agent.agent;
  const site = await markSiteDeleted(c.var.db, workspaceId, c.req.param("site_id"), Date.now());
  if (!site) throw SITE_NOT_FOUND();
  try {
    const closed = await lobbyOf(c.env, workspaceId).closeSite(site.id);
    logEvent("site_deleted", { workspace_id: workspaceId, site_id: site.id, closed });
  } catch (error) {
    logEvent("error", { where: "lobby.closeSite", site_id: site.id, error: String(error) });
  }
  return c.body(null, 204);
});

/** A new identity secret, shown in this answer only; `user_hash`es of the old one fail from now on. */
siteRoutes.post("/:site_id/identity-secret", requireAdmin, siteAccess, async (c) => {
  const secret = newIdentitySecret();
  if (!(await replaceIdentitySecret(c.var.db, c.var.site.id, secret, Date.now()))) throw SITE_NOT_FOUND();
  c.header("Cache-Control", "no-store");
  const body: IdentitySecretResponse = { identity_secret: secret };
  return c.json(body);
});

siteRoutes.route("/:site_id/faqs", siteFaqRoutes);
