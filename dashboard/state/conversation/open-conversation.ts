import { batch, computed, signal } from "@preact/signals";
import type { AgentRef, ConversationDetail, ConversationStatus, Message, ServerFrame, ServerFrameOf } from "@parley/protocol";
import { HttpError, requestJson } from "../../lib/http";
import type { Receipt } from "./message-room";
import { RoomSession } from "./room-session";

/**
 * The conversation on screen: the room (`RoomSession`) with the support side's own knowledge:
 * status and agent, the visitor's read receipts, the colleagues viewing it, and the REST detail
 * behind the visitor panel.
 */
export class OpenConversation extends RoomSession {
  readonly kind = "support";
  readonly status = signal<ConversationStatus | null>(null);
  readonly agent = signal<AgentRef | null>(null);
  /** Highest seq the visitor has read: agent messages up to it show "Seen". */
  readonly visitorReadSeq = signal(0);
  /** "Seen" under the latest agent message the visitor has read. */
  readonly receipt = computed<Receipt | null>(() => {
    const read = this.visitorReadSeq.value;
    const seen = this.messages.value.findLast((m) => m.sender_type === "agent" && m.seq <= read);
    return seen ? { seq: seen.seq, label: "Seen" } : null;
  });
  /** The colleagues who have this conversation open too, live from the room's presence. */
  readonly viewers = signal<AgentRef[]>([]);
  readonly detail = signal<ConversationDetail | null>(null);
  readonly detailError = signal<string | null>(null);

  constructor(
    readonly sessionId: string,
    meId: string,
  ) {
    super(sessionId, meId, {
      stillReachable: () => this.loadDetail(),
      tooManyTabs: "You have this conversation open in too many tabs. Close one of them, then reload this page.",
    });
    this.start();
    void this.loadDetail();
  }

  /** Loads the visitor panel; answers whether the conversation can be opened at all. */
  async loadDetail(): Promise<boolean> {
    try {
      this.detail.value = await requestJson<ConversationDetail>(`/api/conversations/${encodeURIComponent(this.sessionId)}`);
      this.detailError.value = null;
      return true;
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 0;
      this.detailError.value = error instanceof Error ? error.message : "The visitor's details could not be loaded.";
      if (status === 404) this.problem.value = "This conversation does not exist, or it belongs to another workspace.";
      return status !== 404 && status !== 401 && status !== 403;
    }
  }

  protected linkLost(): void {
    // Unknown while the room is out of reach: the next hello says who is there.
    this.viewers.value = [];
  }

  protected onHello(frame: ServerFrameOf<"hello">): void {
    this.setState(frame.session.status, frame.agent);
    this.setViewers(frame.agents);
    this.visitorReadSeq.value = Math.max(this.visitorReadSeq.value, frame.read.user);
  }

  protected onRoomFrame(frame: ServerFrame): void {
    if (frame.type === "read" && frame.sender_type === "user") this.visitorReadSeq.value = Math.max(this.visitorReadSeq.value, frame.seq);
    else if (frame.type === "status") batch(() => this.setState(frame.status, frame.agent));
    else if (frame.type === "presence") this.setViewers(frame.agents);
  }

  protected endsTyping(message: Message): boolean {
    return message.sender_type === "user";
  }

  /** A refusal was about who had the conversation then: with a new status or agent it no longer holds. */
  private setState(status: ConversationStatus, agent: AgentRef | null): void {
    if (status !== this.status.peek() || agent?.id !== this.agent.peek()?.id) this.replyRefusal.value = null;
    this.status.value = status;
    this.agent.value = agent;
  }

  /** The room names every agent present, this one included. */
  private setViewers(agents: AgentRef[] = []): void {
    this.viewers.value = agents.filter((agent) => agent.id !== this.meId);
  }
}
