import { Hono } from "hono";
import type { AppEnv } from "../env";
import { chatSessionOf } from "../objects/stubs";

/** The ChatSession `/health` calls: a name no conversation has (conversation ids are UUIDs). */
export const HEALTH_OBJECT = "health";

export const healthRoutes = new Hono<AppEnv>();

/** Liveness (SPEC §11): a D1 query and a Durable Object round trip, each timed. A failure answers 500. */
healthRoutes.get("/", async (c) => {
  const started = Date.now();
  await c.env.DB.prepare("SELECT 1").first();
  const databaseMs = Date.now() - started;
  const durable = await chatSessionOf(c.env, HEALTH_OBJECT).ping();
  return c.json({
    status: "ok",
    database: "ok",
    database_ms: databaseMs,
    durable_object: durable,
    durable_object_ms: Date.now() - started - databaseMs,
    time: new Date().toISOString(),
  });
});
