import { Hono } from "hono";
import type { AppEnv } from "../env";

export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get("/", async (c) => {
  const started = Date.now();
  await c.env.DB.prepare("SELECT 1").first();
  return c.json({ status: "ok", database: "ok", database_ms: Date.now() - started, time: new Date().toISOString() });
});
