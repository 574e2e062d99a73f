import { sql } from "drizzle-orm";
import { database } from "../../db/client";
import { PREVIEW_MAX } from "../../db/queries/conversations";
import { teamTitle, unreadTotalsOfMembers } from "../../db/queries/team-chats";
import { hideChat } from "../../db/queries/team-members";
import { conversations, members } from "../../db/schema";
import type { Principal } from "../../env";
import { logEvent } from "../../lib/log";
import { iso } from "../../lib/time";
import { CLOSE_CODES, CLOSE_REASONS, type DashboardServerFrame, type TeamChat, type TeamMember } from "../../protocol";
import type { TeamDelivery } from "../contracts";
import { lobbyOf } from "../stubs";
import type { MemberCursors } from "./membership";
import type { MessageLog } from "./message-log";
import type { Room } from "./room";
import type { SessionStore } from "./session-store";
import { systemDraft } from "./senders";
import { teamChangeLine, type TeamChange } from "./team-changes";

export interface TeamRoomDeps {
  env: Env;
  log: MessageLog;
  store: SessionStore;
  room: Room;
  cursors: MemberCursors;
}

/**
 * The team side of a conversation (SPEC §4.10): per-member read cursors and hides, system lines
 * for group changes, and the copies of each member's unread count in D1 and in their dashboards'
 * list. Those copies are brought up to date by `sync`, from the coalesced report for messages
 * (SPEC §2: nothing global in a message's round trip) and at once for reads, hides and changes.
 */
export class TeamRoom {
  constructor(private readonly deps: TeamRoomDeps) {}

  /** A member read up to `seq`: the room hears whose cursor moved, their list its new count. */
  async read(principal: Principal, seq: number): Promise<void> {
    const { cursors, room } = this.deps;
    if (!cursors.advanceRead(principal.id, seq)) return;
    room.broadcast({ type: "read", sender_type: "agent", seq, agent_id: principal.id });
    await this.sync([principal.id]);
  }

  /** Hides the chat for one member up to its last message; returns that seq. */
  async hide(principal: Principal, now: number): Promise<number> {
    const { cursors, log, store, env } = this.deps;
    const through = log.lastSeq();
    cursors.hide(principal.id, through);
    cursors.advanceRead(principal.id, through);
    await hideChat(database(env.DB), store.conversation().id, principal.id, { throughSeq: through, readCount: log.agentMessageCount() }, now);
    await this.sync([], [principal.id]);
    return through;
  }

  /**
   * Group changes the worker made in D1, told to the room with one system line each. Agents no
   * longer members (`removed`) lose their room sockets and the chat from their list.
   */
  async change(changes: readonly TeamChange[], removed: readonly string[], now: number): Promise<void> {
    const { log, room } = this.deps;
    for (const change of changes) {
      const line = teamChangeLine(change);
      if (!line) continue;
      const { message, created } = log.append(systemDraft(line.event, line.content, now, line.metadata));
      if (created) room.broadcast({ type: "message", message });
    }
    const deleted = changes.some((change) => change.type === "deleted");
    for (const agentId of removed) {
      for (const ws of room.socketsOf(agentId)) room.close(ws, CLOSE_CODES.notMember, deleted ? CLOSE_REASONS.chatDeleted : CLOSE_REASONS.removedFromChat);
    }
    if (removed.length > 0) room.announcePresence();
    await this.sync("all", removed);
  }

  /**
   * Brings D1's copies of members' read cursors and unread counts up to date, then tells their
   * dashboards (only theirs): the chat as each sees it and their unread total over all chats.
   * `removed` agents hear that the chat left their list. The lobby hears after D1 holds the
   * change, so a list read after the dashboard's `connected` misses nothing.
   *
   * D1 keeps the chat's count of agent messages and, per member, how many of them count as read:
   * others' new messages move only the chat's row, and a member's row is written when their own
   * share moves (they read, hid or wrote), so a report's D1 rows do not grow with the group.
   */
  async sync(agentIds: readonly string[] | "all", removed: readonly string[] = []): Promise<void> {
    const { env, log, store, cursors } = this.deps;
    const ref = store.conversation();
    const targets = agentIds === "all" ? ref.members : ref.members.filter((member) => agentIds.includes(member.id));
    if (targets.length === 0 && removed.length === 0) return;
    const counts = new Map(targets.map((member) => [member.id, cursors.unread(member.id, log)]));
    const agentMessages = log.agentMessageCount();
    const db = database(env.DB);
    try {
      const chatCount = db
        .update(conversations)
        .set({ agentMessages: sql`max(${conversations.agentMessages}, ${agentMessages})` })
        .where(sql`${conversations.id} = ${ref.id} AND ${conversations.agentMessages} < ${agentMessages}`);
      // Only rows whose share moved are written: D1 bills every row an update writes.
      const updates = targets.map((member) => {
        const readCount = agentMessages - (counts.get(member.id) ?? 0);
        const read = cursors.read(member.id);
        return db
          .update(members)
          .set({ readCount, readSeq: sql`max(${members.readSeq}, ${read})` })
          .where(
            sql`${members.conversationId} = ${ref.id} AND ${members.memberType} = 'agent' AND ${members.memberId} = ${member.id} AND (${members.readCount} <> ${readCount} OR ${members.readSeq} < ${read})`,
          );
      });
      // One batch, so no list ever reads the new count with the old shares; the totals last, as a
      // batch runs in order.
      const totalsQuery = unreadTotalsOfMembers(db, ref.id);
      const totals = (await db.batch([chatCount, ...updates, totalsQuery])).at(-1) as Awaited<typeof totalsQuery>;
      const totalOf = new Map(totals.map((row) => [row.memberId, row.total]));
      const unreadFrame = (agentId: string): DashboardServerFrame => ({ type: "team_unread", data: { unread_total: totalOf.get(agentId) ?? 0 } });
      const deliveries: TeamDelivery[] = [
        ...targets.map((member) => ({
          agentId: member.id,
          frames: cursors.isHidden(member.id, log.lastSeq())
            ? [unreadFrame(member.id)]
            : [{ type: "team_chat_updated", data: { chat: this.chatFor(member, counts.get(member.id) ?? 0) } } as const, unreadFrame(member.id)],
        })),
        ...removed.map((agentId) => ({
          agentId,
          frames: [{ type: "team_chat_removed", data: { chat_id: ref.id } } as const, unreadFrame(agentId)],
        })),
      ];
      await lobbyOf(env, ref.workspaceId).deliverTeam(deliveries);
    } catch (error) {
      logEvent("error", { where: "team.sync", conversation_id: ref.id, error: String(error) });
    }
  }

  /** The chat as one member's list shows it, from the log (D1's row may lag a report behind). */
  private chatFor(member: TeamMember, unreadCount: number): TeamChat {
    const { log, store } = this.deps;
    const ref = store.conversation();
    const newest = log.newestWritten();
    const shown = newest && newest.seq > this.deps.cursors.hiddenThrough(member.id) ? newest : null;
    return {
      id: ref.id,
      kind: ref.kind === "group" ? "group" : "direct",
      title: teamTitle(ref.kind, ref.title, ref.members, member.id),
      members: ref.members,
      last_message: shown ? { content: shown.content.slice(0, PREVIEW_MAX), sender_type: shown.sender_type, timestamp: shown.timestamp } : null,
      last_seq: log.lastSeq(),
      unread_count: unreadCount,
      created_at: iso(ref.createdAt),
    };
  }
}
