import { and, eq, lt } from "drizzle-orm";
import type { Database } from "../db/client";
import { authSessions } from "../db/schema";
import { randomToken } from "../lib/encoding";
import { sha256Hex } from "../lib/hmac";

export const SESSION_COOKIE = "parley_session";
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Starts a server-side session and returns the cookie token. Only its SHA-256 is stored, so the
 * table alone cannot be replayed as cookies.
 */
export async function startAgentSession(
  db: Database,
  agent: { id: string; workspaceId: string },
  userAgent: string | null,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken();
  const expiresAt = now + SESSION_TTL_MS;
  await db.batch([
    db.delete(authSessions).where(and(eq(authSessions.agentId, agent.id), lt(authSessions.expiresAt, now))),
    db.insert(authSessions).values({
      id: await sha256Hex(token),
      agentId: agent.id,
      workspaceId: agent.workspaceId,
      createdAt: now,
      expiresAt,
      userAgent,
    }),
  ]);
  return { token, expiresAt };
}

export async function endAgentSession(db: Database, token: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, await sha256Hex(token)));
}

export async function endAllSessionsOf(db: Database, agentId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.agentId, agentId));
}

export function sessionIdOf(token: string): Promise<string> {
  return sha256Hex(token);
}
