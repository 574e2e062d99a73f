import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { sites } from "../db/schema";
import type { AppEnv } from "../env";
import { requireAgent } from "../middleware/caller";
import type { SiteSummary } from "../protocol";

export const siteRoutes = new Hono<AppEnv>();

siteRoutes.get("/", requireAgent, async (c) => {
  const rows = await c.var.db
    .select({ id: sites.id, name: sites.name, site_key: sites.siteKey })
    .from(sites)
    .where(eq(sites.workspaceId, c.var.agent.agent.workspaceId))
    .orderBy(asc(sites.name))
    .all();
  const body: { sites: SiteSummary[] } = { sites: rows };
  return c.json(body);
});
