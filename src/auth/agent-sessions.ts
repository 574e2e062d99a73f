import { and, eq, inArray, lt } from "drizzle-orm";
import type { Database } from "../db/client";
import { authSessionRooms, authSessions } from "../db/schema";
import { randomToken } from "../lib/encoding";
import { sha256Hex } from "../lib/hmac";
import { logEvent } from "../lib/log";
import { chatSessionOf, lobbyOf } from "../objects/stubs";
import type { SignedOutReason } from "../protocol";

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

export function sessionIdOf(token: string): Promise<string> {
  return sha256Hex(token);
}

/** Notes that a sign-in opened a socket on a conversation, so ending the sign-in reaches it. */
export function rememberSessionRoom(db: Database, sessionId: string, conversationId: string, now: number) {
  return db.insert(authSessionRooms).values({ sessionId, conversationId, createdAt: now }).onConflictDoNothing();
}

/**
 * Ends agent sign-ins (SPEC §5: logout, deactivation, password change) and closes every socket
 * opened with them, dashboards and rooms, with close code 4001 and `reason`. The rows go first,
 * so a socket upgrade racing this is refused; then only the rooms those sign-ins opened are told.
 */
export async function endSignIns(
  env: Env,
  db: Database,
  workspaceId: string,
  sessionIds: string[],
  reason: SignedOutReason,
): Promise<void> {
  if (sessionIds.length === 0) return;
  const rooms = await db
    .select({ sessionId: authSessionRooms.sessionId, conversationId: authSessionRooms.conversationId })
    .from(authSessionRooms)
    .where(inArray(authSessionRooms.sessionId, sessionIds))
    .all();
  await db.batch([
    db.delete(authSessionRooms).where(inArray(authSessionRooms.sessionId, sessionIds)),
    db.delete(authSessions).where(inArray(authSessions.id, sessionIds)),
  ]);
  const lobby = lobbyOf(env, workspaceId);
  const closing = await Promise.allSettled([
    ...sessionIds.map((id) => lobby.endAuthSession(id, reason)),
    ...rooms.map((room) => chatSessionOf(env, room.conversationId).endAuthSession(room.sessionId, reason)),
  ]);
  for (const result of closing) {
    if (result.status === "rejected") logEvent("error", { where: "endSignIns", reason, error: String(result.reason) });
  }
}

/** Every sign-in of one agent, for when all of them end (deactivation). */
export async function signInsOf(db: Database, agentId: string): Promise<string[]> {
  const rows = await db.select({ id: authSessions.id }).from(authSessions).where(eq(authSessions.agentId, agentId)).all();
  return rows.map((row) => row.id);
}
