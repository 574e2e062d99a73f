import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { endSignIns, SESSION_COOKIE, SESSION_TTL_MS, startAgentSession } from "../auth/agent-sessions";
import { UNKNOWN_AGENT_HASH, verifyPassword } from "../auth/passwords";
import { findAgentByEmail, findWorkspace, publicAgent } from "../db/queries/agents";
import { agents } from "../db/schema";
import type { AppEnv } from "../env";
import { isSameOrigin, requireAgent } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { clientIp, rateLimit } from "../middleware/rate-limit";
import { jsonBody } from "../middleware/validate";
import { LoginBodySchema, SIGNED_OUT_REASONS, type MeResponse } from "../protocol";

export const authRoutes = new Hono<AppEnv>();

/** Browsers refuse Secure cookies over plain http, which is what `wrangler dev` serves on localhost. */
function isLocalhost(c: Context<AppEnv>): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(c.req.url).hostname);
}

authRoutes.post("/login", rateLimit({ binding: (env) => env.LOGIN_LIMITER, key: (c) => `ip:${clientIp(c)}` }), async (c) => {
  if (!isSameOrigin(c)) throw new ApiError(403, "origin_not_allowed", "Log in from the dashboard's own origin");
  const body = await jsonBody(c.req.raw, LoginBodySchema);
  const perEmail = await c.env.LOGIN_LIMITER.limit({ key: `email:${body.email}` });
  if (!perEmail.success) throw new ApiError(429, "rate_limited", "Too many attempts for this email; wait a minute");

  const agent = await findAgentByEmail(c.var.db, body.email);
  const passwordOk = await verifyPassword(body.password, agent?.passwordHash ?? UNKNOWN_AGENT_HASH);
  if (!agent || !passwordOk) throw new ApiError(401, "invalid_credentials", "Email or password is wrong");
  if (!agent.active) throw new ApiError(403, "account_deactivated", "This account has been deactivated");

  const now = Date.now();
  const { token } = await startAgentSession(c.var.db, agent, c.req.header("User-Agent") ?? null, now);
  await c.var.db.update(agents).set({ lastLoginAt: now }).where(eq(agents.id, agent.id));
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: !isLocalhost(c),
    sameSite: "Lax",
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
  const workspace = await findWorkspace(c.var.db, agent.workspaceId);
  if (!workspace) throw new Error(`agent ${agent.id} has no workspace`);
  const response: MeResponse = { agent: publicAgent(agent), workspace: { id: workspace.id, name: workspace.name } };
  return c.json(response);
});

/** Ends this sign-in and closes every socket opened with it, on every tab (SPEC §5). */
authRoutes.post("/logout", requireAgent, async (c) => {
  const { agent, session } = c.var.agent;
  await endSignIns(c.env, c.var.db, agent.workspaceId, [session], SIGNED_OUT_REASONS.loggedOut);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  return c.body(null, 204);
});

authRoutes.get("/me", requireAgent, (c) => {
  const { agent, workspace } = c.var.agent;
  const response: MeResponse = { agent: publicAgent(agent), workspace };
  return c.json(response);
});
