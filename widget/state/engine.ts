import { computed, effect, signal, untracked } from "@preact/signals";
import type { ClientFrame, FaqPublic, Message, ServerFrame } from "@parley/protocol";
import { checkText, type TextCheck } from "@parley/protocol/text";
import type { PanelHost } from "../contract";
import { ApiClient } from "../net/api-client";
import { Connection, type ConnectionState } from "../net/connection";
import { TabChannel, type TabMessage } from "../net/tab-channel";
import { claimLeadership } from "../net/tab-leadership";
import { leaderLockName, outboxKey, tabChannelName } from "../shared/keys";
import { ChatModel } from "./chat-model";
import { frameOf, Outbox, type OutboxItem } from "./outbox";
import { UiState } from "./ui-state";

/** What agents read when the visitor asks for a human without saying why. */
const ESCALATION_REASON = "The visitor asked for a human";
/** A send the server refused for now (rate limit) is offered again after this long. */
const RATE_LIMIT_RETRY_MS = 2000;
/** SPEC §10's widget defaults (ms): the first wait before reconnecting, and when typing stops. */
const RECONNECT_INTERVAL_MS = 3000;
const TYPING_TIMEOUT_MS = 1000;
/** The token is renewed this long before it expires, since an upgrade cannot report a 401. */
const TOKEN_MARGIN_MS = 60_000;

/** Another open conversation of the identified user, continued beside the browser's own (SPEC §4.9). */
export interface Visit {
  conversationId: string;
  /** The panel's, shared with the engine of the browser's own conversation. */
  ui: UiState;
}

/**
 * The chat of one tab. One tab of the site leads: it holds the connection and relays every
 * server frame to the others, which send through it. Every tab applies the same frames to its
 * own model, so all show the same conversation; the outbox is shared through localStorage.
 * The engine of a visit does the same for that conversation, while it is on screen; the bubble,
 * the page's events and the JS API stay with the browser's own.
 */
export class Engine {
  readonly model = new ChatModel();
  readonly ui: UiState;
  readonly conversationId: string;
  readonly outbox: Outbox;
  readonly api: ApiClient;
  readonly connection = signal<ConnectionState>({ status: "connecting", transport: null });
  /** What the visitor sees as "sending…": outbox items whose echo has not arrived. */
  readonly pending = computed(() => this.outbox.items.value.filter((item) => !this.model.clientIds.value.has(item.client_msg_id)));
  /** The newest message from someone else that arrived live, for the screen-reader announcement. */
  readonly incoming = signal<Message | null>(null);

  private link: Connection | null = null;
  private readonly channel: TabChannel;
  private readonly releaseLeadership: () => void;
  /** Outbox items handed to the current transport; forgotten whenever a transport (re)starts. */
  private readonly handed = new Set<string>();
  private readonly disposers: Array<() => void> = [];
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private olderTimer: ReturnType<typeof setTimeout> | undefined;
  private typing = false;
  private readSent = 0;

  constructor(
    private readonly host: PanelHost,
    private readonly visit: Visit | null = null,
  ) {
    const { siteKey, backendUrl } = host.options;
    const session = host.session();
    this.conversationId = visit?.conversationId ?? session.session_id;
    this.ui = visit?.ui ?? new UiState();
    this.api = new ApiClient(backendUrl, host.session, host.refreshSession);
    this.outbox = new Outbox(outboxKey(siteKey, this.conversationId), () => this.flush());
    this.channel = new TabChannel(tabChannelName(siteKey, visit?.conversationId), (message) => this.onTabMessage(message));
    this.releaseLeadership = claimLeadership(leaderLockName(siteKey, visit?.conversationId), () => this.lead());
    this.channel.post({ t: "sync" });
    this.disposers.push(
      effect(() => this.markRead()),
      effect(() => {
        if (this.connection.value.status === "online") untracked(() => this.askOlderAgain(0));
      }),
    );
    if (visit) return;
    this.ui.user.value = session.user;
    this.disposers.push(
      effect(() => {
        const { status, transport } = this.connection.value;
        host.emit("connection", { connected: status === "online", transport });
      }),
      effect(() => this.shareUnread()),
    );
  }

  /** An engine for another open conversation of this identified visitor, on the same panel. */
  visitConversation(conversationId: string): Engine {
    return new Engine(this.host, { conversationId, ui: this.ui });
  }

  /** The server's `CHAT_MAX_MESSAGE_LENGTH` in code points, from session init; it checks again. */
  get maxLength(): number {
    return this.host.session().limits.max_message_length;
  }

  /** What the server will make of `text`: its trimmed form and length, or why it refuses it. */
  check(text: string): TextCheck {
    return checkText(text, this.maxLength);
  }

  /** Sends what the server would accept; false (nothing sent) for anything it would refuse. */
  send(text: string): boolean {
    const check = this.check(text);
    if (!check.ok) return false;
    this.stopTyping();
    this.deliver(this.outbox.add(check.text));
    return true;
  }

  /** A FAQ button: the server appends the question and the bot's answer (SPEC §4.4). */
  askFaq(faq: FaqPublic): void {
    this.deliver(this.outbox.add(faq.question, faq.id));
  }

  retry(clientMsgId: string): void {
    const item = this.outbox.retry(clientMsgId);
    if (item) this.deliver(item);
  }

  remove(clientMsgId: string): void {
    this.outbox.remove(clientMsgId);
  }

  escalate(reason?: string): void {
    this.dispatch({ type: "escalate", reason: reason?.trim() || ESCALATION_REASON });
  }

  loadOlder(): void {
    if (!this.model.loadingOlder.peek()) this.model.loadingOlder.value = this.askOlder();
  }

  /** Sends `load_older` for the page above the oldest message shown; false when none is shown. */
  private askOlder(): boolean {
    const first = this.model.messages.peek()[0];
    if (first) this.dispatch({ type: "load_older", before: first.seq });
    return !!first;
  }

  /**
   * Asks again, `delayMs` from now, for the older page this tab awaits: one lost with a
   * connection, once a transport is up again, or one refused for the rate limit (every frame
   * counts, SPEC §6), whose refusal names no message, so it may be another frame's. Asking twice
   * is harmless: the second page merges into the first.
   */
  private askOlderAgain(delayMs: number): void {
    if (!this.model.loadingOlder.peek()) return;
    clearTimeout(this.olderTimer);
    this.olderTimer = setTimeout(() => this.model.loadingOlder.peek() && this.askOlder(), delayMs);
  }

  /** On each keystroke: "typing" once, "stopped" after `typingTimeout` without one. */
  noteTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typing) {
      this.typing = true;
      this.dispatch({ type: "typing", is_typing: true });
    }
    this.typingTimer = setTimeout(() => this.stopTyping(), this.host.options.typingTimeout ?? TYPING_TIMEOUT_MS);
  }

  dispose(): void {
    for (const dispose of this.disposers) dispose();
    clearTimeout(this.typingTimer);
    clearTimeout(this.olderTimer);
    this.link?.stop();
    this.releaseLeadership();
    this.channel.close();
    this.outbox.dispose();
    if (!this.visit) this.ui.dispose();
  }

  private lead(): void {
    const { host } = this;
    const { backendUrl, reconnectInterval = RECONNECT_INTERVAL_MS } = host.options;
    this.link = new Connection({
      api: this.api,
      backendUrl,
      reconnectInterval,
      conversationId: this.conversationId,
      session: host.session,
      ensureFreshToken: async () => {
        if (Date.parse(host.session().expires_at) - Date.now() < TOKEN_MARGIN_MS) await host.refreshSession();
      },
      afterSeq: () => (this.model.loaded.peek() ? this.model.lastSeq.peek() : null),
      onFrame: (frame) => {
        this.receive(frame);
        this.channel.post({ t: "frame", frame });
      },
      onReady: () => {
        this.handed.clear();
        this.flush();
        this.readSent = 0;
        untracked(() => this.markRead());
      },
      onState: (state) => {
        this.connection.value = state;
        this.channel.post({ t: "state", state });
      },
    });
    this.link.start();
  }

  private receive(frame: ServerFrame): void {
    const wasLoaded = this.model.loaded.peek();
    const added = this.model.apply(frame);
    if (this.link) this.settleOutbox(frame);
    if (frame.type === "error" && frame.code === "rate_limited" && !frame.client_msg_id) this.askOlderAgain(RATE_LIMIT_RETRY_MS);
    if (!wasLoaded) return;
    const news = added.findLast((message) => message.sender_type !== "user");
    if (news) this.incoming.value = news;
    if (this.visit) return;
    for (const message of added) this.host.emit("message", message);
    if (frame.type === "escalated") this.host.emit("escalation", frame.escalation);
  }

  /** The leader keeps the shared outbox: echoes confirm items, refusals fail them or retry later. */
  private settleOutbox(frame: ServerFrame): void {
    if (frame.type === "error") {
      const id = frame.client_msg_id;
      if (!id) return;
      this.handed.delete(id);
      if (frame.code === "rate_limited") setTimeout(() => this.flush(), RATE_LIMIT_RETRY_MS);
      else this.outbox.fail(id, frame.code);
    } else if (frame.type === "hello" || frame.type === "message" || frame.type === "older") {
      this.outbox.confirm(this.model.clientIds.peek());
    }
  }

  private onTabMessage(message: TabMessage): void {
    const link = this.link;
    switch (message.t) {
      case "frame":
        if (!link) this.receive(message.frame);
        return;
      case "state":
        if (!link) this.connection.value = message.state;
        return;
      case "send": {
        const id = "client_msg_id" in message.frame ? message.frame.client_msg_id : undefined;
        if (!link || (id && this.handed.has(id))) return;
        if (link.send(message.frame) && id) this.handed.add(id);
        return;
      }
      case "sync": {
        const snapshot = link && this.model.snapshot();
        if (snapshot) this.channel.post({ t: "frame", frame: snapshot });
        if (link) this.channel.post({ t: "state", state: this.connection.peek() });
        return;
      }
    }
  }

  private dispatch(frame: ClientFrame): boolean {
    if (this.link) return this.link.send(frame);
    this.channel.post({ t: "send", frame });
    return true;
  }

  /** A new outbox item goes out now: from the leader itself, or through it from a follower. */
  private deliver(item: OutboxItem): void {
    if (this.link) this.flush();
    else this.channel.post({ t: "send", frame: frameOf(item) });
  }

  /** The leader sends what waits in the outbox, each item once per transport (resends are harmless). */
  private flush(): void {
    const link = this.link;
    if (!link) return;
    this.outbox.confirm(this.model.clientIds.peek());
    for (const item of this.outbox.pending()) {
      if (this.handed.has(item.client_msg_id)) continue;
      if (!link.send(frameOf(item))) return;
      this.handed.add(item.client_msg_id);
    }
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typing) return;
    this.typing = false;
    this.dispatch({ type: "typing", is_typing: false });
  }

  /**
   * The bubble of this tab and of every other tab learns the unread replies from the model once
   * it holds the conversation; until then session init's figure stands (SPEC §9).
   */
  private shareUnread(): void {
    if (!this.model.loaded.value) return;
    const unread = this.model.unread.value;
    this.host.setUnread(unread);
    this.channel.post({ t: "unread", unread });
  }

  /** Tells the server the visitor has read up to the newest message while they look at it. */
  private markRead(): void {
    const seq = this.model.lastSeq.value;
    const view = this.ui.view.value;
    const shown = view.name === "chat" && view.conversationId === this.visit?.conversationId;
    const looking = this.ui.open.value && this.ui.pageVisible.value && shown;
    if (!looking || this.model.unread.value.count === 0 || seq <= this.readSent) return;
    untracked(() => {
      if (this.dispatch({ type: "read", seq })) this.readSent = seq;
    });
  }
}
