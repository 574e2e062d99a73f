import { createMiddleware } from "hono/factory";
import { findWorkspaceSite, type SiteRow } from "../db/queries/sites";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

declare module "hono" {
  interface ContextVariableMap {
    site: SiteRow;
  }
}

/**
 * Loads `:site_id` among the live sites of the caller's workspace and sets `site`; runs after
 * `requireAdmin`. Another workspace's site and a deleted one get the same 404 as a made-up id.
 */
export const siteAccess = createMiddleware<AppEnv>(async function ownSite(c, next) {
  const site = await findWorkspaceSite(c.var.db, c.var.agent.agent.workspaceId, c.req.param("site_id") ?? "");
  if (!site) throw new ApiError(404, "not_found", "No such site in your workspace");
  c.set("site", site);
  await next();
});
