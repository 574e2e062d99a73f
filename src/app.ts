import { Hono } from "hono";
import { cors } from "hono/cors";
import { database } from "./db/client";
import { withRequestId } from "./lib/log";
import type { AppEnv } from "./env";
import { onError, onNotFound } from "./middleware/errors";
import { chatRoutes } from "./routes/chat";
import { healthRoutes } from "./routes/health";
import { socketRoutes } from "./routes/sockets";
import { widgetRoutes } from "./routes/widget";
import { agentRoutes } from "./routes/agents";
import { authRoutes } from "./routes/auth";
import { conversationRoutes } from "./routes/conversations";
import { dashboardRoutes } from "./routes/dashboard";
import { siteRoutes } from "./routes/sites";
import { faqRoutes } from "./routes/faqs";
import { devRoutes } from "./routes/dev";
import { docsRoutes } from "./routes/docs";
import { teamRoutes } from "./routes/team";
import { reportRoutes } from "./routes/reports";

/**
 * The worker's HTTP app: every route of SPEC §5 and the socket upgrades. Kept apart from the
 * entry module so tests can list its routes without loading the Durable Object classes.
 */
export const app = new Hono<AppEnv>();

app.onError(onError);
app.notFound(onNotFound);
app.use("*", async function withDatabase(c, next) {
  c.set("db", database(c.env.DB));
  await next();
});

/**
 * Every request gets an id (Cloudflare's ray id, or a fresh one locally) that its log lines carry,
 * in the worker and in the Durable Objects it calls (SPEC §11), and that its answer names, so a
 * user's report can be matched to the logs.
 */
app.use("*", async function withRequest(c, next) {
  const requestId = c.req.header("CF-Ray") ?? crypto.randomUUID();
  c.header("X-Request-Id", requestId);
  await withRequestId(requestId, next);
});

/**
 * The widget calls from the embedder's origin. Preflights are answered for any origin; each
 * real request is checked against its site's allowed origins by the handler.
 */
const widgetCors = cors({
  origin: (origin) => origin,
  allowMethods: ["GET", "POST", "OPTIONS"],
  allowHeaders: ["Content-Type", "Authorization"],
  maxAge: 600,
});
app.use("/api/widget/*", widgetCors);
app.use("/api/chat/*", widgetCors);

app.route("/health", healthRoutes);
app.route("/api/widget", widgetRoutes);
app.route("/api/chat", chatRoutes);
app.route("/ws", socketRoutes);
app.route("/api/auth", authRoutes);
app.route("/api/dashboard", dashboardRoutes);
app.route("/api/conversations", conversationRoutes);
app.route("/api/agents", agentRoutes);
app.route("/api/sites", siteRoutes);
app.route("/api/faqs", faqRoutes);
app.route("/api/team", teamRoutes);
app.route("/api/reports", reportRoutes);
app.route("/api/dev", devRoutes);
app.route("/api", docsRoutes);
