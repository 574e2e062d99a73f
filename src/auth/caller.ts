import type { Database } from "../db/client";
import { agentForSession, type AgentRow } from "../db/queries/agents";
import type { Principal } from "../env";
import type { AuthSessionRef } from "../objects/contracts";
import { fail, ok, type Result } from "../lib/result";
import { sessionIdOf } from "./agent-sessions";
import { verifyVisitorToken, type VisitorClaims } from "./visitor-token";

/** An authenticated caller, before we know what they may touch. */
export type Caller =
  | { type: "visitor"; claims: VisitorClaims }
  | { type: "agent"; agent: AgentRow; workspace: { id: string; name: string }; session: AuthSessionRef };

export type AgentCaller = Extract<Caller, { type: "agent" }>;

export function tokenSecret(env: Env): string {
  if (!env.VISITOR_TOKEN_SECRET) throw new Error("VISITOR_TOKEN_SECRET is not set (see .dev.vars.example)");
  return env.VISITOR_TOKEN_SECRET;
}

export function bearerToken(authorization: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

export async function visitorCaller(env: Env, token: string | null): Promise<Result<Caller>> {
  if (!token) return fail(401, "unauthorized", "A visitor token is required");
  const claims = await verifyVisitorToken(tokenSecret(env), token);
  return claims.ok ? ok({ type: "visitor", claims: claims.value }) : claims;
}

export async function agentCaller(db: Database, cookieToken: string | undefined): Promise<Result<AgentCaller>> {
  if (!cookieToken) return fail(401, "unauthorized", "Log in first");
  const sessionId = await sessionIdOf(cookieToken);
  const found = await agentForSession(db, sessionId, Date.now());
  if (!found) return fail(401, "unauthorized", "Your session has ended; log in again");
  return ok({
    type: "agent",
    agent: found.agent,
    workspace: { id: found.workspace.id, name: found.workspace.name },
    session: { id: sessionId, expiresAt: found.expiresAt },
  });
}

export function agentPrincipal(
  agent: Pick<AgentRow, "id" | "name" | "workspaceId" | "role">,
): Extract<Principal, { type: "agent" }> {
  return { type: "agent", id: agent.id, personId: agent.id, name: agent.name, workspaceId: agent.workspaceId, role: agent.role };
}
