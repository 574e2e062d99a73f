import { batch, signal } from "@preact/signals";
import type { AgentRef, ConversationDetail, ConversationStatus, Message, ServerFrame, ServerFrameOf } from "@parley/protocol";
import { checkText, type TextCheck } from "@parley/protocol/text";
import { HttpError, requestJson } from "../../lib/http";
import type { LinkState } from "../../net/agent-socket";
import { RoomSocket } from "../../net/room-socket";
import { showNotice } from "../notices";
import { serverLimits } from "../server-limits";
import { signedOut } from "../session";
import { mergeMessages } from "./merge-messages";
import { Outbox } from "./outbox";
import { TypingReporter } from "./typing-reporter";

/** Someone else typing stops showing after this long without news (a closed tab sends no "stopped"). */
const TYPING_SHOWN_MS = 6_000;

/**
 * The conversation on screen: its room socket, its messages as the server stored them, replies
 * on their way, typing, read receipts, and the REST detail behind the visitor panel.
 */
export class OpenConversation {
  readonly messages = signal<Message[]>([]);
  readonly hasMore = signal(false);
  readonly loadingOlder = signal(false);
  /** True once the room's first `hello` arrived. */
  readonly ready = signal(false);
  readonly status = signal<ConversationStatus | null>(null);
  readonly agent = signal<AgentRef | null>(null);
  /** Highest seq the visitor has read: agent messages up to it show "Seen". */
  readonly visitorReadSeq = signal(0);
  readonly typingName = signal<string | null>(null);
  /** The colleagues who have this conversation open too, live from the room's presence. */
  readonly viewers = signal<AgentRef[]>([]);
  /** The room socket; while it reconnects, replies wait as "Sending…". */
  readonly link = signal<LinkState>("connecting");
  /** Why the conversation cannot be shown at all. */
  readonly problem = signal<string | null>(null);
  /** Why the latest reply was refused, e.g. "Customer is already assigned to NAME"; cleared when the status or agent changes. */
  readonly replyRefusal = signal<string | null>(null);
  readonly detail = signal<ConversationDetail | null>(null);
  readonly detailError = signal<string | null>(null);

  private readonly socket: RoomSocket;
  private readonly outbox: Outbox;
  private readonly typing: TypingReporter;
  private readSent = 0;
  private typingTimer: number | undefined;
  private readonly onVisibility = () => this.markRead();

  constructor(
    readonly sessionId: string,
    private readonly meId: string,
  ) {
    this.socket = new RoomSocket(sessionId, {
      lastSeq: () => (this.ready.peek() ? (this.messages.peek().at(-1)?.seq ?? 0) : null),
      onFrame: (frame) => this.apply(frame),
      onState: (state) => {
        this.link.value = state;
        // Unknown while the room is out of reach: the next hello says who is there.
        if (state !== "open") this.viewers.value = [];
      },
      keepAliveMs: () => serverLimits.peek().keepalive_ms,
      stillReachable: () => this.loadDetail(),
      onSignedOut: signedOut,
      onTooManySockets: () => {
        this.problem.value = "You have this conversation open in too many tabs. Close one of them, then reload this page.";
      },
    });
    this.outbox = new Outbox((frame) => this.socket.send(frame));
    this.typing = new TypingReporter((isTyping) => this.socket.send({ type: "typing", is_typing: isTyping }));
    this.socket.start();
    void this.loadDetail();
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  get pending() {
    return this.outbox.pending;
  }

  close(): void {
    this.typing.stop();
    this.socket.stop();
    window.clearTimeout(this.typingTimer);
    document.removeEventListener("visibilitychange", this.onVisibility);
  }

  /** What the server will make of a reply: its trimmed form and length in code points, or why it refuses it. */
  check(text: string): TextCheck {
    return checkText(text, serverLimits.value.max_message_length);
  }

  /** Sends what the server would accept; false (nothing sent) for anything it would refuse. */
  reply(text: string): boolean {
    const check = this.check(text);
    if (!check.ok) return false;
    this.typing.stop();
    this.replyRefusal.value = null;
    this.outbox.add(check.text);
    return true;
  }

  retry(clientMsgId: string): void {
    this.replyRefusal.value = null;
    this.outbox.retry(clientMsgId);
  }

  discard(clientMsgId: string): void {
    this.outbox.discard(clientMsgId);
  }

  composerInput(hasText: boolean): void {
    this.typing.input(hasText);
  }

  composerLeft(): void {
    this.typing.stop();
  }

  loadOlder(): void {
    const first = this.messages.value[0];
    if (!first || this.loadingOlder.value || !this.hasMore.value) return;
    if (this.socket.send({ type: "load_older", before: first.seq })) this.loadingOlder.value = true;
  }

  /** Tells the room (and so the visitor's "Seen" and the agent's unread badge) what is on screen. */
  markRead(): void {
    const last = this.messages.peek().at(-1)?.seq ?? 0;
    if (document.visibilityState !== "visible" || last <= this.readSent) return;
    if (this.socket.send({ type: "read", seq: last })) this.readSent = last;
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

  private apply(frame: ServerFrame): void {
    switch (frame.type) {
      case "hello":
        return this.onHello(frame);
      case "message":
        return this.onMessage(frame.message);
      case "older":
        batch(() => {
          this.messages.value = mergeMessages(this.messages.value, frame.messages);
          this.hasMore.value = frame.has_more;
          this.loadingOlder.value = false;
        });
        return;
      case "typing":
        return this.onTyping(frame);
      case "read":
        if (frame.sender_type === "user") this.visitorReadSeq.value = Math.max(this.visitorReadSeq.value, frame.seq);
        return;
      case "status":
        return batch(() => this.setState(frame.status, frame.agent));
      case "error":
        return this.onError(frame);
      case "presence":
        return this.setViewers(frame.agents);
      case "escalated":
        return;
    }
  }

  private onHello(frame: ServerFrameOf<"hello">): void {
    const resumed = this.ready.peek();
    batch(() => {
      this.messages.value = resumed ? mergeMessages(this.messages.value, frame.messages) : frame.messages;
      if (!resumed) this.hasMore.value = frame.has_more;
      this.setState(frame.session.status, frame.agent);
      this.setViewers(frame.agents);
      this.visitorReadSeq.value = Math.max(this.visitorReadSeq.value, frame.read.user);
      this.loadingOlder.value = false;
      this.problem.value = null;
      this.ready.value = true;
    });
    this.outbox.resendAll();
    this.readSent = 0;
    this.markRead();
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

  private onMessage(message: Message): void {
    this.messages.value = mergeMessages(this.messages.value, [message]);
    if (message.sender_id === this.meId && message.client_msg_id) this.outbox.confirm(message.client_msg_id);
    if (message.sender_type === "user") this.typingName.value = null;
    this.markRead();
  }

  private onTyping(frame: ServerFrameOf<"typing">): void {
    window.clearTimeout(this.typingTimer);
    this.typingName.value = frame.is_typing ? frame.sender_name : null;
    if (frame.is_typing) this.typingTimer = window.setTimeout(() => (this.typingName.value = null), TYPING_SHOWN_MS);
  }

  private onError(frame: ServerFrameOf<"error">): void {
    if (frame.client_msg_id) {
      this.outbox.fail(frame.client_msg_id, frame.message);
      this.replyRefusal.value = frame.message;
    } else if (frame.code !== "rate_limited") {
      // Typing and read frames are cheap to lose; anything else the agent should hear about.
      showNotice({ tone: "error", text: frame.message });
    }
  }
}
