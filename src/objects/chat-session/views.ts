import type { ChatLimits } from "../../config";
import type { Principal } from "../../env";
import { iso } from "../../lib/time";
import type { ServerFrameOf, UnreadReplies } from "../../protocol";
import type { MemberCursors } from "./membership";
import type { MessageLog, MessagePage } from "./message-log";
import type { Room } from "./room";
import type { SessionStore } from "./session-store";

/** Most missed messages one resume sends; a client far behind pages the rest over REST. */
const RESUME_MAX = 500;

/** What a conversation shows its clients: the greeting of a socket or a poll, and pages of history. */
export class SessionViews {
  constructor(private readonly deps: { log: MessageLog; store: SessionStore; room: Room; limits: ChatLimits; cursors: MemberCursors }) {}

  /**
   * `hello` for `to`: the newest page, or everything after `afterSeq` (up to RESUME_MAX) when
   * resuming; an agent also learns which agents are here, a team member every member's cursor.
   * A team member who hid the chat sees only what came after (SPEC §4.10).
   */
  hello(afterSeq: number | null, to: Principal): ServerFrameOf<"hello"> {
    const { log, store, room, limits, cursors } = this.deps;
    const ref = store.conversation();
    const state = store.state();
    const floor = this.floorOf(to);
    const page = afterSeq === null ? log.latest(limits.historyLimit, floor) : log.after(afterSeq, RESUME_MAX, floor);
    return {
      type: "hello",
      // Team chats have no support lifecycle: always `open` (SPEC §3).
      session: { id: ref.id, kind: ref.kind, status: ref.kind === "support" ? state.status : "open", title: ref.title, created_at: iso(ref.createdAt) },
      messages: page.messages,
      last_seq: log.lastSeq(),
      has_more: page.has_more,
      agent: state.agent,
      online: room.online(),
      ...(to.type === "agent" ? { agents: room.agentsPresent() } : {}),
      read: store.readCursors(),
      ...(ref.kind === "support" ? {} : { member_reads: cursors.reads() }),
    };
  }

  /** The replies the visitor has not read, for session init (SPEC §9). */
  unreadReplies(): UnreadReplies {
    return this.deps.log.repliesAfter(this.deps.store.readCursors().user);
  }

  /** A socket's `load_older`: one history page before `before` (a seq). */
  olderThan(before: number, to: Principal): MessagePage {
    return this.deps.log.before(before, this.deps.limits.historyLimit, this.floorOf(to));
  }

  /** `GET …/history`: after a seq, before one, or the newest, oldest first. */
  history(query: { limit?: number | undefined; before?: number | undefined; after?: number | undefined }, to: Principal): MessagePage {
    const { log, limits } = this.deps;
    const limit = query.limit ?? limits.historyLimit;
    const floor = this.floorOf(to);
    if (query.after !== undefined) return log.after(query.after, limit, floor);
    if (query.before !== undefined) return log.before(query.before, limit, floor);
    return log.latest(limit, floor);
  }

  /** Messages up to this seq are not shown to `to`: what a team member hid, else none. */
  private floorOf(to: Principal): number {
    return this.deps.store.conversation().kind === "support" ? 0 : this.deps.cursors.floorOf(to);
  }
}
