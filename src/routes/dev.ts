import { Hono } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../middleware/errors";
import { constructions } from "../objects/constructions";

/**
 * Inspection for development only, answered when `DEV_INSPECTION=1` (end-to-end tests pass it to
 * `wrangler dev`; no deployment sets it). Reads module state without waking any object.
 */
export const devRoutes = new Hono<AppEnv>();

devRoutes.use("*", async function developmentOnly(c, next) {
  if (c.env.DEV_INSPECTION !== "1") throw new ApiError(404, "not_found", `No route for ${c.req.method} ${c.req.path}`);
  await next();
});

/** How many instances of each object class this isolate constructed: one more after every eviction. */
devRoutes.get("/objects", (c) => c.json({ constructions: constructions() }));
