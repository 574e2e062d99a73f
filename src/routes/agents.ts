import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { endSignIns, signInsOf } from "../auth/agent-sessions";
import { hashPassword } from "../auth/passwords";
import { findAgent, findAgentByEmail, listAgents, publicAgent, type AgentRow } from "../db/queries/agents";
import { agents } from "../db/schema";
import type { AppEnv } from "../env";
import { requireAdmin, requireAgent } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { jsonBody } from "../middleware/validate";
import { lobbyOf } from "../objects/stubs";
import { CreateAgentBodySchema, SIGNED_OUT_REASONS, UpdateAgentBodySchema } from "../protocol";

/** Agents of the caller's workspace; admins create, rename, change roles and deactivate. */
export const agentRoutes = new Hono<AppEnv>();

agentRoutes.get("/", requireAgent, async (c) => {
  const rows = await listAgents(c.var.db, c.var.agent.agent.workspaceId);
  return c.json({ agents: rows.map(publicAgent) });
});

agentRoutes.post("/", requireAdmin, async (c) => {
  const body = await jsonBody(c.req.raw, CreateAgentBodySchema);
  if (await findAgentByEmail(c.var.db, body.email)) throw new ApiError(409, "email_taken", "An agent with this email already exists");
  const row = await c.var.db
    .insert(agents)
    .values({
      id: crypto.randomUUID(),
      workspaceId: c.var.agent.agent.workspaceId,
      email: body.email,
      name: body.name,
      role: body.role,
      passwordHash: await hashPassword(body.password),
      createdAt: Date.now(),
    })
    .returning()
    .get();
  return c.json(publicAgent(row), 201);
});

agentRoutes.patch("/:agent_id", requireAdmin, async (c) => {
  const body = await jsonBody(c.req.raw, UpdateAgentBodySchema);
  const { agent: admin } = c.var.agent;
  const target = await findAgent(c.var.db, admin.workspaceId, c.req.param("agent_id"));
  if (!target) throw new ApiError(404, "not_found", "No such agent in your workspace");
  if (target.id === admin.id && (body.active === false || body.role === "agent")) {
    throw new ApiError(400, "cannot_demote_self", "Admins cannot deactivate or demote themselves");
  }
  const updated = await c.var.db.update(agents).set(body).where(eq(agents.id, target.id)).returning().get();
  if (!updated) throw new ApiError(404, "not_found", "No such agent in your workspace");
  if (body.active === false) await disconnectEverywhere(c.env, c.var.db, updated);
  else if (body.role !== undefined || body.name !== undefined) {
    await lobbyOf(c.env, updated.workspaceId).agentChanged({ id: updated.id, name: updated.name, email: updated.email, role: updated.role });
  }
  return c.json(publicAgent(updated));
});

/**
 * A deactivated agent loses every sign-in, and with them every dashboard and room socket, at
 * once; the rooms told are only those their live sign-ins opened.
 */
async function disconnectEverywhere(env: Env, db: AppEnv["Variables"]["db"], agent: AgentRow): Promise<void> {
  await endSignIns(env, db, agent.workspaceId, await signInsOf(db, agent.id), SIGNED_OUT_REASONS.deactivated);
  await lobbyOf(env, agent.workspaceId).disconnectAgent({ id: agent.id, name: agent.name, email: agent.email, role: agent.role });
}
