import { Hono, type Context } from "hono";
import { endSignIns, signInsOf } from "../auth/agent-sessions";
import { inviteUrl } from "../auth/invite-links";
import { issueInvite, voidInvites } from "../auth/invites";
import { hashPassword, NO_PASSWORD } from "../auth/passwords";
import { findAgent, listAgents, publicAgent, updateAgentKeepingAnAdmin, type AgentRow } from "../db/queries/agents";
import { agents } from "../db/schema";
import type { AppEnv } from "../env";
import { iso } from "../lib/time";
import { requireAdmin, requireAgent } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { jsonBody } from "../middleware/validate";
import { lobbyOf } from "../objects/stubs";
import {
  CreateAgentBodySchema,
  SIGNED_OUT_REASONS,
  UpdateAgentBodySchema,
  type CreateAgentResponse,
  type Invite,
} from "../protocol";

/** Agents of the caller's workspace; admins create, invite, rename, change roles and deactivate (SPEC §5). */
export const agentRoutes = new Hono<AppEnv>();

agentRoutes.get("/", requireAgent, async (c) => {
  const rows = await listAgents(c.var.db, c.var.agent.agent.workspaceId);
  return c.json({ agents: rows.map(publicAgent) });
});

/**
 * Creates an agent. Without a password they get a one-time link instead (in the answer's
 * `invite`), with which they choose their own; emails are unique across workspaces (409).
 */
agentRoutes.post("/", requireAdmin, async (c) => {
  const body = await jsonBody(c.req.raw, CreateAgentBodySchema);
  const admin = c.var.agent.agent;
  const now = Date.now();
  const row = await c.var.db
    .insert(agents)
    .values({
      id: crypto.randomUUID(),
      workspaceId: admin.workspaceId,
      email: body.email,
      name: body.name,
      role: body.role,
      passwordHash: body.password === undefined ? NO_PASSWORD : await hashPassword(body.password),
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!row) throw new ApiError(409, "email_taken", "An agent with this email already exists");
  const invite = body.password === undefined ? await inviteFor(c, row, admin.id, now) : null;
  const response: CreateAgentResponse = { ...publicAgent(row), invite };
  return c.json(response, 201);
});

/**
 * A one-time sign-in link for an agent of the workspace (SPEC §5): for a first sign-in or a
 * forgotten password. The admin passes it on; no mail is sent. Their older unused links stop working.
 */
agentRoutes.post("/:agent_id/invite", requireAdmin, async (c) => {
  const admin = c.var.agent.agent;
  const target = await findAgent(c.var.db, admin.workspaceId, c.req.param("agent_id"));
  if (!target) throw new ApiError(404, "not_found", "No such agent in your workspace");
  if (!target.active) throw new ApiError(409, "agent_deactivated", "This agent is deactivated; turn them back on before inviting them");
  return c.json(await inviteFor(c, target, admin.id, Date.now()), 201);
});

/**
 * Renames, changes the role of, deactivates or reactivates an agent. The workspace always keeps
 * an active admin (409 `last_admin`); an admin cannot deactivate themself, which would sign them out.
 */
agentRoutes.patch("/:agent_id", requireAdmin, async (c) => {
  const body = await jsonBody(c.req.raw, UpdateAgentBodySchema);
  const { agent: admin } = c.var.agent;
  const agentId = c.req.param("agent_id");
  if (agentId === admin.id && body.active === false) {
    throw new ApiError(400, "cannot_deactivate_self", "Admins cannot deactivate themselves; ask another admin");
  }
  const updated = await updateAgentKeepingAnAdmin(c.var.db, admin.workspaceId, agentId, body);
  if (!updated) {
    const target = await findAgent(c.var.db, admin.workspaceId, agentId);
    if (!target) throw new ApiError(404, "not_found", "No such agent in your workspace");
    throw new ApiError(409, "last_admin", `${target.name} is the last active admin of this workspace; make another agent an admin first`);
  }
  if (body.active === false) await disconnectEverywhere(c.env, c.var.db, updated);
  else if (body.role !== undefined || body.name !== undefined) {
    await lobbyOf(c.env, updated.workspaceId).agentChanged({ id: updated.id, name: updated.name, email: updated.email, role: updated.role });
  }
  return c.json(publicAgent(updated));
});

/** Issues an invite and spells its link on the host the admin called, where the dashboard is served. */
async function inviteFor(c: Context<AppEnv>, agent: AgentRow, adminId: string, now: number): Promise<Invite> {
  const invite = await issueInvite(c.var.db, agent.id, adminId, now);
  return { invite_url: inviteUrl(c.req.url, invite.token), expires_at: iso(invite.expiresAt) };
}

/**
 * A deactivated agent loses every sign-in, and with them every dashboard and room socket, at
 * once; the rooms told are only those their live sign-ins opened. Their unused invite links stop.
 */
async function disconnectEverywhere(env: Env, db: AppEnv["Variables"]["db"], agent: AgentRow): Promise<void> {
  await voidInvites(db, agent.id, Date.now());
  await endSignIns(env, db, agent.workspaceId, await signInsOf(db, agent.id), SIGNED_OUT_REASONS.deactivated);
  await lobbyOf(env, agent.workspaceId).disconnectAgent({ id: agent.id, name: agent.name, email: agent.email, role: agent.role });
}
