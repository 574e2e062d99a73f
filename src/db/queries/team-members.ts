import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { authSessionRooms, conversations, members } from "../schema";

/**
 * Membership changes of team chats (SPEC §4.10, §5): add, remove or leave with admin succession,
 * rename, delete, hide, and what the Cron purge removes (SPEC §11).
 */

const ofChat = (chatId: string, agentId: string) =>
  and(eq(members.conversationId, chatId), eq(members.memberType, "agent"), eq(members.memberId, agentId));

/**
 * Adds an agent to a group, or brings back one who left or was removed (as a plain member, with a
 * fresh join time). False when they are a member already.
 */
export async function addMember(db: Database, chatId: string, agentId: string, now: number): Promise<boolean> {
  const added = await db
    .insert(members)
    .values({ conversationId: chatId, memberType: "agent", memberId: agentId, role: "member", joinedAt: now })
    .onConflictDoUpdate({
      target: [members.conversationId, members.memberType, members.memberId],
      set: { leftAt: null, role: "member", joinedAt: now, hiddenAt: null },
      setWhere: sql`${members.leftAt} IS NOT NULL`,
    })
    .returning({ id: members.memberId })
    .all();
  return added.length > 0;
}

/**
 * Ends a membership and, in the same batch, passes admin to the longest-standing member when no
 * admin is left, decided inside D1 so two admins leaving at once still leave one behind. A group
 * nobody is left in is deleted. Returns whether the agent was a member, who became admin (if
 * anyone), and whether the group is now empty.
 */
export async function removeMember(
  db: Database,
  chatId: string,
  agentId: string,
  now: number,
): Promise<{ removed: boolean; newAdmin: string | null; empty: boolean }> {
  const active = sql`conversation_id = ${chatId} AND member_type = 'agent' AND left_at IS NULL`;
  const [removed, promoted, emptied] = await db.batch([
    db
      .update(members)
      .set({ leftAt: now, role: "member" })
      .where(and(ofChat(chatId, agentId), isNull(members.leftAt)))
      .returning({ id: members.memberId }),
    db
      .update(members)
      .set({ role: "admin" })
      .where(
        and(
          sql`${active}`,
          sql`member_id = (SELECT member_id FROM members WHERE ${active} ORDER BY joined_at, member_id LIMIT 1)`,
          sql`NOT EXISTS (SELECT 1 FROM members WHERE ${active} AND role = 'admin')`,
        ),
      )
      .returning({ id: members.memberId }),
    db
      .update(conversations)
      .set({ deletedAt: now })
      .where(and(eq(conversations.id, chatId), isNull(conversations.deletedAt), sql`NOT EXISTS (SELECT 1 FROM members WHERE ${active})`))
      .returning({ id: conversations.id }),
  ]);
  return { removed: removed.length > 0, newAdmin: promoted[0]?.id ?? null, empty: emptied.length > 0 };
}

export function renameGroup(db: Database, chatId: string, name: string, now: number) {
  return db.update(conversations).set({ title: name, updatedAt: now }).where(eq(conversations.id, chatId)).run();
}

/** An admin deleted the group: gone for everyone at once, purged later with its object's storage. */
export function deleteGroup(db: Database, chatId: string, now: number) {
  return db.update(conversations).set({ deletedAt: now }).where(and(eq(conversations.id, chatId), isNull(conversations.deletedAt))).run();
}

/**
 * Hides a chat for one member up to `throughSeq`, the chat's last message when they hid it: it
 * leaves their list until a later message arrives, and nothing before it is unread (`readCount`:
 * every agent message of the chat so far).
 */
export function hideChat(db: Database, chatId: string, agentId: string, hidden: { throughSeq: number; readCount: number }, now: number) {
  return db
    .update(members)
    .set({
      hiddenAt: now,
      hiddenThroughSeq: sql`max(${members.hiddenThroughSeq}, ${hidden.throughSeq})`,
      readSeq: sql`max(${members.readSeq}, ${hidden.throughSeq})`,
      readCount: sql`max(${members.readCount}, ${hidden.readCount})`,
    })
    .where(ofChat(chatId, agentId))
    .run();
}

/**
 * A chat the purge may remove: a deleted group (`throughSeq` null: whatever it holds), or a chat
 * every current member has hidden, as of the lowest seq any of them hid it at: its object refuses
 * when a message came after that, which D1's copy of the last seq may not show yet.
 */
export interface PurgeCandidate {
  id: string;
  throughSeq: number | null;
}

/** Up to `limit` chats to purge: deleted groups first, then chats everyone hid. */
export async function purgeCandidates(db: Database, limit: number): Promise<PurgeCandidate[]> {
  const deleted = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(sql`${conversations.deletedAt} IS NOT NULL`)
    .limit(limit)
    .all();
  const room = limit - deleted.length;
  if (room <= 0) return deleted.map(({ id }) => ({ id, throughSeq: null }));
  const hidden = await db.all<{ id: string; through_seq: number }>(sql`
    SELECT c.id AS id, min(m.hidden_through_seq) AS through_seq
    FROM members m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.hidden_at IS NOT NULL AND m.member_type = 'agent' AND m.left_at IS NULL
      AND c.kind IN ('direct', 'group') AND c.deleted_at IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM members o
        WHERE o.conversation_id = c.id AND o.member_type = 'agent' AND o.left_at IS NULL
          AND (o.hidden_at IS NULL OR c.last_seq > o.hidden_through_seq))
    GROUP BY c.id
    LIMIT ${room}`);
  return [...deleted.map(({ id }) => ({ id, throughSeq: null })), ...hidden.map((row) => ({ id: row.id, throughSeq: row.through_seq }))];
}

/** Removes a purged chat's rows: the conversation (its members go with it) and its socket records. */
export function deleteChatRows(db: Database, chatId: string) {
  return db.batch([
    db.delete(authSessionRooms).where(eq(authSessionRooms.conversationId, chatId)),
    db.delete(conversations).where(eq(conversations.id, chatId)),
  ]);
}
