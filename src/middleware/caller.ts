import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { SESSION_COOKIE } from "../auth/agent-sessions";
import { agentCaller, bearerToken, visitorCaller, type AgentCaller, type Caller } from "../auth/caller";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

declare module "hono" {
  interface ContextVariableMap {
    agent: AgentCaller;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated requests that change something, and every cookie-authenticated socket,
 * must come from a page of this very host: that stops cross-site request forgery and
 * cross-site WebSocket hijacking, which SameSite=Lax alone does not cover for sockets.
 */
export function isSameOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header("Origin");
  if (!origin) return false;
  try {
    const url = new URL(c.req.url);
    // Scheme and host both: a page on http:// must not act for the https:// dashboard.
    return new URL(origin).origin === `${url.protocol}//${c.req.header("Host") ?? url.host}`;
  } catch {
    return false;
  }
}

function needsOriginCheck(c: Context<AppEnv>): boolean {
  return !SAFE_METHODS.has(c.req.method) || c.req.header("Upgrade")?.toLowerCase() === "websocket";
}

/** The agent behind the session cookie, checked against D1 on every request. */
export async function requireAgentCaller(c: Context<AppEnv>): Promise<AgentCaller> {
  const result = await agentCaller(c.var.db, getCookie(c, SESSION_COOKIE));
  if (!result.ok) throw ApiError.from(result.error);
  if (needsOriginCheck(c) && !isSameOrigin(c)) {
    throw new ApiError(403, "origin_not_allowed", "This request must come from the dashboard's own origin");
  }
  return result.value;
}

/** A visitor (Bearer token) or an agent (session cookie); 401 in the SPEC's shape otherwise. */
export async function requireCaller(c: Context<AppEnv>): Promise<Caller> {
  const token = bearerToken(c.req.header("Authorization"));
  if (token || !getCookie(c, SESSION_COOKIE)) {
    const result = await visitorCaller(c.env, token);
    if (!result.ok) throw ApiError.from(result.error);
    return result.value;
  }
  return requireAgentCaller(c);
}

export const requireAgent = createMiddleware<AppEnv>(async function agentOnly(c, next) {
  c.set("agent", await requireAgentCaller(c));
  await next();
});

export const requireAdmin = createMiddleware<AppEnv>(async function adminOnly(c, next) {
  const caller = await requireAgentCaller(c);
  if (caller.agent.role !== "admin") throw new ApiError(403, "forbidden", "Only admins can do that");
  c.set("agent", caller);
  await next();
});
