import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { iso } from "../../lib/time";
import { TEAM_CHATS_MAX, type SenderType, type TeamChat, type TeamMember } from "../../protocol";
import type { Database } from "../client";
import { agents, conversations, members } from "../schema";
import type { ConversationRow } from "./conversations";

/**
 * Team chats in D1 (SPEC §4.10): the list each agent sees and the creation of direct and group
 * chats. Membership changes live in `team-members.ts`.
 */

const TEAM_KINDS = ["direct", "group"] as const;

/** Email look-ups per query: D1 binds at most 100 parameters. */
const EMAILS_PER_QUERY = 50;

/** A membership that counts: an agent's, not ended by leaving or removal. */
const activeAgentMember = and(eq(members.memberType, "agent"), isNull(members.leftAt));

/** The key that gives one pair of agents one direct chat, whoever opens it first. */
export function directKeyOf(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** A chat's current members with their names, longest-standing first. */
export function teamMembers(db: Database, conversationId: string): Promise<TeamMember[]> {
  return db
    .select({ id: agents.id, name: agents.name, role: members.role })
    .from(members)
    .innerJoin(agents, eq(agents.id, members.memberId))
    .where(and(eq(members.conversationId, conversationId), activeAgentMember))
    .orderBy(asc(members.joinedAt), asc(members.memberId))
    .all();
}

/** Active agents of the workspace with these emails (lower-cased); unknown ones are simply absent. */
export async function activeAgentsByEmail(db: Database, workspaceId: string, emails: readonly string[]) {
  const found: { id: string; email: string; name: string }[] = [];
  for (let i = 0; i < emails.length; i += EMAILS_PER_QUERY) {
    const chunk = emails.slice(i, i + EMAILS_PER_QUERY);
    found.push(
      ...(await db
        .select({ id: agents.id, email: agents.email, name: agents.name })
        .from(agents)
        .where(and(eq(agents.workspaceId, workspaceId), inArray(agents.email, chunk), eq(agents.active, true)))
        .all()),
    );
  }
  return found;
}

/**
 * The one direct chat of two agents, created when it does not exist yet. The pair's key is
 * unique in D1 and the insert does nothing on a conflict, so two agents opening it at the same
 * moment end up in the same chat. The memberships are written on every open, so an open cut short
 * is completed by the next. Opening it again brings it back to the opener's list if they had
 * hidden it (its old messages stay hidden).
 */
export async function openDirectChat(
  db: Database,
  values: { workspaceId: string; me: string; other: string; now: number },
): Promise<ConversationRow> {
  const { workspaceId, me, other, now } = values;
  const key = directKeyOf(me, other);
  await db
    .insert(conversations)
    .values({ id: crypto.randomUUID(), workspaceId, kind: "direct", directKey: key, status: "open", createdBy: me, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const chat = await db.select().from(conversations).where(eq(conversations.directKey, key)).get();
  if (!chat) throw new Error("direct chat vanished right after its insert");
  const member = (memberId: string) =>
    db.insert(members).values({ conversationId: chat.id, memberType: "agent", memberId, role: "member", joinedAt: now }).onConflictDoNothing();
  await db.batch([
    member(me),
    member(other),
    db.update(members).set({ hiddenAt: null }).where(and(eq(members.conversationId, chat.id), eq(members.memberType, "agent"), eq(members.memberId, me))),
  ]);
  return chat;
}

/** A new group with its creator as admin and the others as members, in one batch. */
export async function createGroup(
  db: Database,
  values: { workspaceId: string; creator: string; name: string; memberIds: readonly string[]; now: number },
): Promise<ConversationRow> {
  const { workspaceId, creator, name, memberIds, now } = values;
  const id = crypto.randomUUID();
  const others = [...new Set(memberIds)].filter((memberId) => memberId !== creator);
  const row = { conversationId: id, memberType: "agent" as const };
  const [inserted] = await db.batch([
    db
      .insert(conversations)
      .values({ id, workspaceId, kind: "group", title: name, status: "open", createdBy: creator, createdAt: now, updatedAt: now })
      .returning(),
    db.insert(members).values({ ...row, memberId: creator, role: "admin", joinedAt: now }),
    ...others.map((memberId, i) =>
      // A millisecond apart, so "longest-standing" (admin succession) has one answer.
      db.insert(members).values({ ...row, memberId, role: "member", joinedAt: now + 1 + i }),
    ),
  ]);
  const chat = inserted[0];
  if (!chat) throw new Error("group insert returned nothing");
  return chat;
}

/** A member's unread count in a chat (SPEC §4.10): the chat's agent messages not read by them or theirs. */
const unreadOf = sql<number>`max(0, ${conversations.agentMessages} - ${members.readCount})`;

/**
 * The agent's team chats, newest activity first: not left, not deleted, and not hidden unless a
 * message came after the hide. Two reads: the chats with the agent's own row, then their members.
 */
export async function listTeamChats(db: Database, agentId: string): Promise<TeamChat[]> {
  const mine = and(eq(members.memberType, "agent"), eq(members.memberId, agentId), isNull(members.leftAt));
  const rows = await db
    .select({ chat: conversations, unread: unreadOf })
    .from(members)
    .innerJoin(conversations, eq(conversations.id, members.conversationId))
    .where(
      and(
        mine,
        inArray(conversations.kind, TEAM_KINDS),
        isNull(conversations.deletedAt),
        or(isNull(members.hiddenAt), gt(conversations.lastSeq, members.hiddenThroughSeq)),
      ),
    )
    .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`), desc(conversations.id))
    .limit(TEAM_CHATS_MAX)
    .all();
  if (rows.length === 0) return [];
  const other = alias(members, "other");
  const roster = await db
    .select({ chatId: other.conversationId, id: agents.id, name: agents.name, role: other.role })
    .from(members)
    .innerJoin(conversations, eq(conversations.id, members.conversationId))
    .innerJoin(other, and(eq(other.conversationId, members.conversationId), eq(other.memberType, "agent"), isNull(other.leftAt)))
    .innerJoin(agents, eq(agents.id, other.memberId))
    .where(and(mine, inArray(conversations.kind, TEAM_KINDS), isNull(conversations.deletedAt)))
    .orderBy(asc(other.joinedAt), asc(other.memberId))
    .all();
  const byChat = new Map<string, TeamMember[]>();
  for (const { chatId, ...member } of roster) byChat.set(chatId, [...(byChat.get(chatId) ?? []), member]);
  return rows.map(({ chat, unread }) => toTeamChat(chat, byChat.get(chat.id) ?? [], agentId, unread));
}

/** One chat as `viewerId` sees it, from its D1 row (the last message is the row's preview). */
export function toTeamChat(row: ConversationRow, chatMembers: TeamMember[], viewerId: string, unreadCount: number): TeamChat {
  const preview =
    row.lastMessagePreview !== null && row.lastMessageAt !== null && row.lastSenderType !== null
      ? { content: row.lastMessagePreview, sender_type: row.lastSenderType as SenderType, timestamp: iso(row.lastMessageAt) }
      : null;
  return {
    id: row.id,
    kind: row.kind === "group" ? "group" : "direct",
    title: teamTitle(row.kind, row.title, chatMembers, viewerId),
    members: chatMembers,
    last_message: preview,
    last_seq: row.lastSeq,
    unread_count: unreadCount,
    created_at: iso(row.createdAt),
  };
}

/** A group's name, or in a direct chat the other agent's name (SPEC §5). */
export function teamTitle(kind: string, title: string | null, chatMembers: readonly TeamMember[], viewerId: string): string {
  if (kind === "group") return title ?? "";
  return chatMembers.find((member) => member.id !== viewerId)?.name ?? chatMembers[0]?.name ?? "";
}

/**
 * Each member of a chat (current or former) with their unread total over all their team chats:
 * what their dashboards' badge shows (SPEC §7). One query, usable in a batch.
 */
export function unreadTotalsOfMembers(db: Database, chatId: string) {
  const me = alias(members, "me");
  return db
    .select({ memberId: members.memberId, total: sql<number>`coalesce(sum(${unreadOf}), 0)` })
    .from(me)
    .innerJoin(members, and(eq(members.memberId, me.memberId), activeAgentMember))
    .innerJoin(conversations, and(eq(conversations.id, members.conversationId), inArray(conversations.kind, TEAM_KINDS), isNull(conversations.deletedAt)))
    .where(and(eq(me.conversationId, chatId), eq(me.memberType, "agent")))
    .groupBy(members.memberId);
}

/** The member's own row of a chat, when they are a current member. */
export function membershipOf(db: Database, conversationId: string, agentId: string) {
  return db
    .select()
    .from(members)
    .where(and(eq(members.conversationId, conversationId), eq(members.memberId, agentId), activeAgentMember))
    .get();
}
