import type { ChatLimits } from "../../config";
import { iso } from "../../lib/time";
import type { ServerFrameOf } from "../../protocol";
import type { MessageLog, MessagePage } from "./message-log";
import type { Room } from "./room";
import type { SessionStore } from "./session-store";

/** Most missed messages one resume sends; a client far behind pages the rest over REST. */
const RESUME_MAX = 500;

/** What a conversation shows its clients: the greeting of a socket or a poll, and pages of history. */
export class SessionViews {
  constructor(private readonly deps: { log: MessageLog; store: SessionStore; room: Room; limits: ChatLimits }) {}

  /** `hello`: the newest page, or everything after `afterSeq` (up to RESUME_MAX) when resuming. */
  hello(afterSeq: number | null): ServerFrameOf<"hello"> {
    const { log, store, room, limits } = this.deps;
    const ref = store.conversation();
    const state = store.state();
    const page = afterSeq === null ? log.latest(limits.historyLimit) : log.after(afterSeq, RESUME_MAX);
    return {
      type: "hello",
      session: { id: ref.id, kind: ref.kind, status: state.status, title: ref.title, created_at: iso(ref.createdAt) },
      messages: page.messages,
      last_seq: log.lastSeq(),
      has_more: page.has_more,
      agent: state.agent,
      online: room.online(),
      read: store.readCursors(),
    };
  }

  /** A socket's `load_older`: one history page before `before` (a seq). */
  olderThan(before: number): MessagePage {
    return this.deps.log.before(before, this.deps.limits.historyLimit);
  }

  /** `GET …/history`: after a seq, before one, or the newest, oldest first. */
  history(query: { limit?: number | undefined; before?: number | undefined; after?: number | undefined }): MessagePage {
    const { log, limits } = this.deps;
    const limit = query.limit ?? limits.historyLimit;
    if (query.after !== undefined) return log.after(query.after, limit);
    if (query.before !== undefined) return log.before(query.before, limit);
    return log.latest(limit);
  }
}
