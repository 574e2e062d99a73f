import { and, asc, eq, exists, gt, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { AgentPublic, Role } from "../../protocol";
import type { Database } from "../client";
import { agents, authSessions, workspaces } from "../schema";

export type AgentRow = typeof agents.$inferSelect;

export function publicAgent(agent: AgentRow): AgentPublic {
  return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, active: agent.active };
}

export function findAgentByEmail(db: Database, email: string): Promise<AgentRow | undefined> {
  return db.select().from(agents).where(eq(agents.email, email.toLowerCase())).get();
}

export function findAgent(db: Database, workspaceId: string, agentId: string): Promise<AgentRow | undefined> {
  return db.select().from(agents).where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId))).get();
}

export function findWorkspace(db: Database, workspaceId: string) {
  return db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).get();
}

export function listAgents(db: Database, workspaceId: string): Promise<AgentRow[]> {
  return db.select().from(agents).where(eq(agents.workspaceId, workspaceId)).orderBy(asc(agents.name)).all();
}

/**
 * Changes an agent of the workspace unless that leaves it without an active admin (SPEC §5). One
 * conditional UPDATE decides, so of two admins demoting each other (or themselves) at once, one
 * is refused. Undefined when nothing changed: no such agent, or it is the last active admin.
 */
export function updateAgentKeepingAnAdmin(
  db: Database,
  workspaceId: string,
  agentId: string,
  changes: { name?: string | undefined; role?: Role | undefined; active?: boolean | undefined },
): Promise<AgentRow | undefined> {
  const other = alias(agents, "other");
  const anotherActiveAdmin = exists(
    db
      .select({ id: other.id })
      .from(other)
      .where(and(eq(other.workspaceId, workspaceId), ne(other.id, agentId), eq(other.role, "admin"), eq(other.active, true))),
  );
  const staysActiveAdmin = changes.role !== "agent" && changes.active !== false;
  const keepsAnAdmin = staysActiveAdmin ? undefined : or(ne(agents.role, "admin"), eq(agents.active, false), anotherActiveAdmin);
  return db
    .update(agents)
    .set(changes)
    .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId), keepsAnAdmin))
    .returning()
    .get();
}

/** The agent, workspace and sign-in behind a live cookie session, or nothing if expired or deactivated. */
export async function agentForSession(db: Database, sessionId: string, now: number) {
  return db
    .select({ agent: agents, workspace: workspaces, expiresAt: authSessions.expiresAt })
    .from(authSessions)
    .innerJoin(agents, eq(agents.id, authSessions.agentId))
    .innerJoin(workspaces, eq(workspaces.id, agents.workspaceId))
    .where(and(eq(authSessions.id, sessionId), gt(authSessions.expiresAt, now), eq(agents.active, true)))
    .get();
}
