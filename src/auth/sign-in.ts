import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { findWorkspace, publicAgent, type AgentRow } from "../db/queries/agents";
import { agents } from "../db/schema";
import type { AppEnv } from "../env";
import type { MeResponse } from "../protocol";
import { SESSION_COOKIE, SESSION_TTL_MS, startAgentSession } from "./agent-sessions";

/** Browsers refuse Secure cookies over plain http, which is what `wrangler dev` serves on localhost. */
function isLocalhost(c: Context<AppEnv>): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(c.req.url).hostname);
}

/**
 * Signs an agent in: a new server-side session, its HttpOnly SameSite=Lax cookie on the answer,
 * and the body a login answers with (SPEC §5). Used by login and by accepting an invite.
 */
export async function signIn(c: Context<AppEnv>, agent: AgentRow): Promise<MeResponse> {
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
  return { agent: publicAgent(agent), workspace: { id: workspace.id, name: workspace.name } };
}
