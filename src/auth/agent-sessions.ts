import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { authSessionRooms, authSessions } from "../db/schema";
import { randomToken } from "../lib/encoding";
import { sha256Hex } from "../lib/hmac";
import { logEvent } from "../lib/log";
import type { AuthSessionRef } from "../objects/contracts";
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

/**
 * Notes that a sign-in opened a socket on a conversation, so ending the sign-in reaches it.
 * Written only while the sign-in still stands, in the same statement that checks it: returns
 * false when it has ended (or expired) meanwhile, and then the socket must be refused.
 */
export async function rememberSessionRoom(db: Database, signIn: AuthSessionRef, conversationId: string, now: number): Promise<boolean> {
  const result = await db.run(sql`
    INSERT INTO auth_session_rooms (session_id, conversation_id, created_at)
    SELECT ${signIn.id}, ${conversationId}, ${now}
    WHERE EXISTS (SELECT 1 FROM auth_sessions WHERE id = ${signIn.id} AND expires_at > ${now})
    ON CONFLICT (session_id, conversation_id) DO UPDATE SET created_at = excluded.created_at`);
  return result.meta.changes > 0;
}

/**
 * Ends agent sign-ins (SPEC §5: logout, deactivation, password change) and closes every socket
 * opened with them, dashboards and rooms, with close code 4001 and `reason`. The sign-ins and
 * their room rows go in one transaction that returns the rooms, so a room written before it is
 * told and one written after it is refused (`rememberSessionRoom`); a socket authorized before
 * and still on its way to its object is refused there (`SocketSet.endedSignIn`).
 */
export async function endSignIns(
  env: Env,
  db: Database,
  workspaceId: string,
  signIns: AuthSessionRef[],
  reason: SignedOutReason,
): Promise<void> {
  if (signIns.length === 0) return;
  const ids = signIns.map((signIn) => signIn.id);
  const [rooms] = await db.batch([
    db
      .delete(authSessionRooms)
      .where(inArray(authSessionRooms.sessionId, ids))
      .returning({ sessionId: authSessionRooms.sessionId, conversationId: authSessionRooms.conversationId }),
    db.delete(authSessions).where(inArray(authSessions.id, ids)),
  ]);
  const byId = new Map(signIns.map((signIn) => [signIn.id, signIn]));
  const lobby = lobbyOf(env, workspaceId);
  const report = (results: PromiseSettledResult<unknown>[]) => {
    for (const result of results) {
      if (result.status === "rejected") logEvent("error", { where: "endSignIns", reason, error: String(result.reason) });
    }
  };
  report(await Promise.allSettled(signIns.map((signIn) => lobby.endAuthSession(signIn, reason))));
  // A long-lived sign-in may have opened thousands of rooms: they are told a page at a time.
  for (let start = 0; start < rooms.length; start += ROOMS_TOLD_AT_ONCE) {
    const page = rooms.slice(start, start + ROOMS_TOLD_AT_ONCE);
    report(await Promise.allSettled(page.map((room) => chatSessionOf(env, room.conversationId).endAuthSession(byId.get(room.sessionId)!, reason))));
  }
}

/** Most conversation rooms told at once that a sign-in ended, so the calls in flight stay bounded. */
export const ROOMS_TOLD_AT_ONCE = 25;

/** Every sign-in of one agent, for when all of them end (deactivation). */
export async function signInsOf(db: Database, agentId: string): Promise<AuthSessionRef[]> {
  return db
    .select({ id: authSessions.id, expiresAt: authSessions.expiresAt })
    .from(authSessions)
    .where(eq(authSessions.agentId, agentId))
    .all();
}
