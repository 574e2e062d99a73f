import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { deleteCookie } from "hono/cookie";
import { endSignIns, SESSION_COOKIE, signInsOf } from "../auth/agent-sessions";
import { acceptInvite, lookUpInvite } from "../auth/invites";
import { hashPassword, UNKNOWN_AGENT_HASH, verifyPassword } from "../auth/passwords";
import { signIn } from "../auth/sign-in";
import { findAgentByEmail, publicAgent } from "../db/queries/agents";
import { agents } from "../db/schema";
import type { AppEnv } from "../env";
import { iso } from "../lib/time";
import { isSameOrigin, requireAgent } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { clientIp, rateLimit } from "../middleware/rate-limit";
import { jsonBody } from "../middleware/validate";
import {
  AcceptInviteBodySchema,
  ChangePasswordBodySchema,
  InviteCheckBodySchema,
  LoginBodySchema,
  SIGNED_OUT_REASONS,
  type InviteCheckResponse,
  type MeResponse,
} from "../protocol";

export const authRoutes = new Hono<AppEnv>();

/** Every way in that takes a secret (password or invite link) shares the login budget per address (SPEC §10). */
const signInRateLimit = rateLimit({ binding: (env) => env.LOGIN_LIMITER, key: (c) => `ip:${clientIp(c)}` });

/** A sign-in form posted from another site would sign the browser into someone else's account. */
function requireDashboardOrigin(c: Context<AppEnv>): void {
  if (!isSameOrigin(c)) throw new ApiError(403, "origin_not_allowed", "Sign in from the dashboard's own origin");
}

/**
 * Password guesses per account, whatever the address: login and password change draw on the same
 * budget, so a stolen cookie buys no extra guesses.
 */
async function limitGuessesFor(env: Env, email: string): Promise<void> {
  const { success } = await env.LOGIN_LIMITER.limit({ key: `email:${email}` });
  if (!success) throw new ApiError(429, "rate_limited", "Too many attempts for this email; wait a minute");
}

authRoutes.post("/login", signInRateLimit, async (c) => {
  requireDashboardOrigin(c);
  const body = await jsonBody(c.req.raw, LoginBodySchema);
  await limitGuessesFor(c.env, body.email);

  const agent = await findAgentByEmail(c.var.db, body.email);
  const passwordOk = await verifyPassword(body.password, agent?.passwordHash ?? UNKNOWN_AGENT_HASH);
  if (!agent || !passwordOk) throw new ApiError(401, "invalid_credentials", "Email or password is wrong");
  if (!agent.active) throw new ApiError(403, "account_deactivated", "This account has been deactivated");
  return c.json(await signIn(c, agent));
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

/**
 * Any agent changes their own password, proving the current one (SPEC §5). Their other sign-ins
 * end, with their sockets; this one stays. Written only over the hash that was checked, so of two
 * changes racing, the second is refused rather than silently overwriting the first.
 */
authRoutes.post("/password", signInRateLimit, requireAgent, async (c) => {
  const body = await jsonBody(c.req.raw, ChangePasswordBodySchema);
  const { agent, session } = c.var.agent;
  await limitGuessesFor(c.env, agent.email);
  if (!(await verifyPassword(body.current_password, agent.passwordHash))) {
    throw new ApiError(403, "wrong_password", "current_password is not your current password");
  }
  const changed = await c.var.db
    .update(agents)
    .set({ passwordHash: await hashPassword(body.new_password) })
    .where(and(eq(agents.id, agent.id), eq(agents.passwordHash, agent.passwordHash)))
    .returning({ id: agents.id });
  if (changed.length === 0) throw new ApiError(409, "password_changed_meanwhile", "Your password was changed meanwhile; reload and try again");
  const others = (await signInsOf(c.var.db, agent.id)).filter((signIn) => signIn.id !== session.id);
  await endSignIns(c.env, c.var.db, agent.workspaceId, others, SIGNED_OUT_REASONS.passwordChanged);
  return c.body(null, 204);
});

/** Who an invite link is for, so its page can greet them before they choose a password. */
authRoutes.post("/invite/check", signInRateLimit, async (c) => {
  requireDashboardOrigin(c);
  const body = await jsonBody(c.req.raw, InviteCheckBodySchema);
  const holder = await lookUpInvite(c.var.db, body.token, Date.now());
  if (!holder.ok) throw ApiError.from(holder.error);
  const response: InviteCheckResponse = {
    agent: { name: holder.value.agent.name, email: holder.value.agent.email },
    workspace: { name: holder.value.workspace.name },
    expires_at: iso(holder.value.expiresAt),
  };
  return c.json(response);
});

/**
 * Uses a one-time sign-in link (SPEC §5 invites): sets the password and signs in, like a login.
 * An invite also resets a forgotten password, so every earlier sign-in of the agent ends.
 */
authRoutes.post("/invite", signInRateLimit, async (c) => {
  requireDashboardOrigin(c);
  const body = await jsonBody(c.req.raw, AcceptInviteBodySchema);
  // A link that cannot be used is refused before the costly hashing.
  const holder = await lookUpInvite(c.var.db, body.token, Date.now());
  if (!holder.ok) throw ApiError.from(holder.error);
  const accepted = await acceptInvite(c.var.db, body.token, await hashPassword(body.password), Date.now());
  if (!accepted.ok) throw ApiError.from(accepted.error);
  const agent = accepted.value;
  await endSignIns(c.env, c.var.db, agent.workspaceId, await signInsOf(c.var.db, agent.id), SIGNED_OUT_REASONS.passwordChanged);
  return c.json(await signIn(c, agent));
});
