import { batch, signal } from "@preact/signals";
import type { Message, ServerFrame, ServerFrameOf } from "@parley/protocol";
import { checkText, type TextCheck } from "@parley/protocol/text";
import type { LinkState } from "../../net/agent-socket";
import { RoomSocket, type RoomSocketHandlers } from "../../net/room-socket";
import { showNotice } from "../notices";
import { serverLimits } from "../server-limits";
import { signedOut } from "../session";
import { mergeMessages } from "./merge-messages";
import type { MessageRoom, ReplyTarget } from "./message-room";
import { Outbox } from "./outbox";
import { TypingReporter } from "./typing-reporter";

/** Someone else typing stops showing after this long without news (a closed tab sends no "stopped"). */
const TYPING_SHOWN_MS = 6_000;
/** An older page refused for the rate limit is asked for again after this long. */
const OLDER_RETRY_MS = 2_000;

/** What a kind of room adds to the socket: how to tell it is still there, and what to say when it is not. */
export interface RoomSessionOptions {
  /** REST check after the socket failed: false when the room cannot be opened at all (404, 401, 403). */
  stillReachable: () => Promise<boolean>;
  /** Shown when the agent has the room open in too many tabs. */
  tooManyTabs: string;
  onNotMember?: RoomSocketHandlers["onNotMember"];
}

/**
 * One room on screen, a support conversation or a team chat (`/ws/chat/:id`): the messages as the
 * server stored them, replies on their way (resent after a reconnect), typing, the read cursor
 * sent for what is on screen, and older pages. Subclasses add what their kind knows (status,
 * viewers, members) in `onHello` and `onRoomFrame`, and call `start()` last in their constructor.
 */
export abstract class RoomSession implements MessageRoom, ReplyTarget {
  abstract readonly kind: MessageRoom["kind"];
  abstract readonly receipt: MessageRoom["receipt"];
  readonly messages = signal<Message[]>([]);
  readonly hasMore = signal(false);
  readonly loadingOlder = signal(false);
  /** True once the room's first `hello` arrived. */
  readonly ready = signal(false);
  readonly typingName = signal<string | null>(null);
  /** The room socket; while it reconnects, replies wait as "Sending…". */
  readonly link = signal<LinkState>("connecting");
  /** Why the room cannot be shown at all. */
  readonly problem = signal<string | null>(null);
  /** Why the latest reply was refused. */
  readonly replyRefusal = signal<string | null>(null);

  protected readonly socket: RoomSocket;
  private readonly outbox: Outbox;
  private readonly typing: TypingReporter;
  private readSent = 0;
  private typingTimer: number | undefined;
  private olderTimer: number | undefined;
  private readonly onVisibility = () => this.markRead();

  constructor(
    roomId: string,
    protected readonly meId: string,
    options: RoomSessionOptions,
  ) {
    this.socket = new RoomSocket(roomId, {
      lastSeq: () => (this.ready.peek() ? (this.messages.peek().at(-1)?.seq ?? 0) : null),
      onFrame: (frame) => this.apply(frame),
      onState: (state) => {
        this.link.value = state;
        if (state !== "open") this.linkLost();
      },
      keepAliveMs: () => serverLimits.peek().keepalive_ms,
      stillReachable: options.stillReachable,
      onSignedOut: signedOut,
      onTooManySockets: () => {
        this.problem.value = options.tooManyTabs;
      },
      ...(options.onNotMember ? { onNotMember: options.onNotMember } : {}),
    });
    this.outbox = new Outbox((frame) => this.socket.send(frame));
    this.typing = new TypingReporter((isTyping) => this.socket.send({ type: "typing", is_typing: isTyping }));
  }

  /** Opens the socket once the subclass is whole (its frames may need its own fields). */
  protected start(): void {
    this.socket.start();
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  get pending() {
    return this.outbox.pending;
  }

  close(): void {
    this.typing.stop();
    this.socket.stop();
    window.clearTimeout(this.typingTimer);
    window.clearTimeout(this.olderTimer);
    document.removeEventListener("visibilitychange", this.onVisibility);
  }

  /** What the server will make of a reply: its trimmed form and length in code points, or why it refuses it. */
  check(text: string): TextCheck {
    return checkText(text, serverLimits.value.max_message_length);
  }

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
    if (this.loadingOlder.peek() || !this.hasMore.peek()) return;
    if (this.askOlder()) this.loadingOlder.value = true;
  }

  /** Sends `load_older` for the page above the oldest message shown; false when none is shown or the socket is down. */
  private askOlder(): boolean {
    const first = this.messages.peek()[0];
    return first !== undefined && this.socket.send({ type: "load_older", before: first.seq });
  }

  /** Moves the agent's read cursor to what is on screen: the room's receipts and their unread badges follow. */
  markRead(): void {
    const last = this.messages.peek().at(-1)?.seq ?? 0;
    if (document.visibilityState !== "visible" || last <= this.readSent) return;
    if (this.socket.send({ type: "read", seq: last })) this.readSent = last;
  }

  /** The socket is down: who is present is unknown until the next hello. */
  protected abstract linkLost(): void;

  /** What the subclass takes from a hello, inside the same batch as the messages. */
  protected abstract onHello(frame: ServerFrameOf<"hello">): void;

  /** Frames only the subclass understands (read, presence, status). */
  protected abstract onRoomFrame(frame: ServerFrame): void;

  /** A message that ends the sender's typing: the visitor's in support, a colleague's in a team chat. */
  protected abstract endsTyping(message: Message): boolean;

  private apply(frame: ServerFrame): void {
    switch (frame.type) {
      case "hello":
        return this.hello(frame);
      case "message":
        return this.onMessage(frame.message);
      case "older":
        window.clearTimeout(this.olderTimer);
        batch(() => {
          this.messages.value = mergeMessages(this.messages.value, frame.messages);
          this.hasMore.value = frame.has_more;
          this.loadingOlder.value = false;
        });
        return;
      case "typing":
        return this.onTyping(frame);
      case "error":
        return this.onError(frame);
      default:
        return this.onRoomFrame(frame);
    }
  }

  private hello(frame: ServerFrameOf<"hello">): void {
    const resumed = this.ready.peek();
    // An older page asked for on the socket before this one is asked for again, now.
    const olderLost = this.loadingOlder.peek();
    window.clearTimeout(this.olderTimer);
    batch(() => {
      this.messages.value = resumed ? mergeMessages(this.messages.value, frame.messages) : frame.messages;
      if (!resumed) this.hasMore.value = frame.has_more;
      this.onHello(frame);
      this.loadingOlder.value = false;
      this.problem.value = null;
      this.ready.value = true;
    });
    this.outbox.resendAll();
    this.readSent = 0;
    this.markRead();
    if (olderLost) this.loadOlder();
  }

  private onMessage(message: Message): void {
    this.messages.value = mergeMessages(this.messages.value, [message]);
    if (message.sender_id === this.meId && message.client_msg_id) this.outbox.confirm(message.client_msg_id);
    if (this.endsTyping(message)) this.typingName.value = null;
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
    } else if (frame.code === "rate_limited") {
      // Typing and read frames are cheap to lose; a refusal naming no reply may also be the
      // older page on its way (every frame counts, SPEC §6), so that is asked for again later.
      if (this.loadingOlder.peek()) this.askOlderAgain();
    } else {
      // Anything else the agent should hear about.
      showNotice({ tone: "error", text: frame.message });
    }
  }

  /** Asking twice is harmless: the second page merges into the first. */
  private askOlderAgain(): void {
    window.clearTimeout(this.olderTimer);
    this.olderTimer = window.setTimeout(() => this.loadingOlder.peek() && this.askOlder(), OLDER_RETRY_MS);
  }
}
