import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import type { Database } from "../db/client";
import type { AgentRow } from "../db/queries/agents";
import { agentInvites, agents, workspaces } from "../db/schema";
import { sha256Hex } from "../lib/hmac";
import { fail, ok, type Result } from "../lib/result";
import { mintInvite, type MintedInvite } from "./invite-links";

/**
 * Stops an agent's unused links: they expire now, and say so ("expired or replaced"). For a new
 * link, and for a deactivation, so that turning the agent back on does not revive an old one.
 */
export function voidInvites(db: Database, agentId: string, now: number) {
  return db
    .update(agentInvites)
    .set({ expiresAt: now })
    .where(and(eq(agentInvites.agentId, agentId), isNull(agentInvites.usedAt), gt(agentInvites.expiresAt, now)));
}

/**
 * Issues a one-time sign-in link for an agent (SPEC §5). Their older unused links stop working,
 * and links that expired before are dropped.
 */
export async function issueInvite(db: Database, agentId: string, createdBy: string | null, now: number): Promise<MintedInvite> {
  const invite = await mintInvite(now);
  await db.batch([
    db.delete(agentInvites).where(and(eq(agentInvites.agentId, agentId), lte(agentInvites.expiresAt, now))),
    voidInvites(db, agentId, now),
    db.insert(agentInvites).values({ id: invite.id, agentId, createdBy, createdAt: now, expiresAt: invite.expiresAt }),
  ]);
  return invite;
}

/** What an invite's holder may see before choosing a password. */
export interface InviteHolder {
  agent: AgentRow;
  workspace: { id: string; name: string };
  expiresAt: number;
}

/** The agent a usable invite is for, or why it cannot be used (404, 410, 403). */
export async function lookUpInvite(db: Database, token: string, now: number): Promise<Result<InviteHolder>> {
  const found = await db
    .select({ invite: agentInvites, agent: agents, workspace: { id: workspaces.id, name: workspaces.name } })
    .from(agentInvites)
    .innerJoin(agents, eq(agents.id, agentInvites.agentId))
    .innerJoin(workspaces, eq(workspaces.id, agents.workspaceId))
    .where(eq(agentInvites.id, await sha256Hex(token)))
    .get();
  if (!found) return fail(404, "invite_not_found", "This invite link is not valid. Ask an admin of your workspace for a new one.");
  if (!found.agent.active) return fail(403, "account_deactivated", "This account has been deactivated");
  if (found.invite.usedAt !== null) {
    return fail(410, "invite_used", "This invite link has already been used. Log in, or ask an admin of your workspace for a new link.");
  }
  if (found.invite.expiresAt <= now) {
    return fail(410, "invite_expired", "This invite link has expired or was replaced by a newer one. Ask an admin of your workspace for a new link.");
  }
  return ok({ agent: found.agent, workspace: found.workspace, expiresAt: found.invite.expiresAt });
}

/**
 * Uses an invite: marks it used and sets the agent's password in one transaction, each statement
 * guarded by the same condition (unused, unexpired, agent active), so of two requests racing with
 * one link exactly one wins and only the winner's password is kept. `passwordHash` is the new
 * password as `hashPassword` stores it. The caller ends the agent's earlier sign-ins (an invite
 * also resets a forgotten password).
 */
export async function acceptInvite(db: Database, token: string, passwordHash: string, now: number): Promise<Result<AgentRow>> {
  const id = await sha256Hex(token);
  const usable = and(eq(agentInvites.id, id), isNull(agentInvites.usedAt), gt(agentInvites.expiresAt, now));
  const activeAgents = db.select({ id: agents.id }).from(agents).where(eq(agents.active, true));
  const [updated, claimed] = await db.batch([
    db
      .update(agents)
      .set({ passwordHash })
      .where(and(eq(agents.active, true), inArray(agents.id, db.select({ id: agentInvites.agentId }).from(agentInvites).where(usable))))
      .returning(),
    db
      .update(agentInvites)
      .set({ usedAt: now })
      .where(and(usable, inArray(agentInvites.agentId, activeAgents)))
      .returning({ id: agentInvites.id }),
  ]);
  const agent = updated[0];
  if (agent && claimed.length === 1) return ok(agent);
  const why = await lookUpInvite(db, token, now);
  // Nothing makes a link usable again, so the look-up finds what stopped the claim.
  return why.ok ? fail(410, "invite_used", "This invite link has already been used.") : why;
}
