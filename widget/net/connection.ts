import type { ClientFrame, ServerFrame, SessionInitResponse } from "@parley/protocol";
import { CLOSE_CODES } from "@parley/protocol/close-codes";
import { BEARER_PROTOCOL_PREFIX, SOCKET_PROTOCOL } from "@parley/protocol/limits";
import type { Transport } from "../contract";
import { DEFAULT_KEEPALIVE_MS } from "../shared/keep-alive";
import { ReconnectingSocket, type SocketClose, type SocketState } from "../shared/reconnecting-socket";
import type { ApiClient } from "./api-client";
import type { PollLink } from "./poll-link";

export type ConnectionStatus = "connecting" | "online" | "reconnecting" | "offline";

export interface ConnectionState {
  status: ConnectionStatus;
  transport: Transport | null;
}

export interface ConnectionDeps {
  api: ApiClient;
  backendUrl: string;
  reconnectInterval: number;
  /** The conversation this line is to: the session's own, or another the visitor may continue. */
  conversationId: string;
  session(): SessionInitResponse;
  /** Renews the visitor token when it is about to expire (an upgrade cannot report a 401). */
  ensureFreshToken(): Promise<void>;
  /** Where to resume: the last seq this tab has, or null before the first `hello`. */
  afterSeq(): number | null;
  onFrame(frame: ServerFrame): void;
  /** A transport just became usable: whatever waits may go now. */
  onReady(): void;
  onState(state: ConnectionState): void;
}

/**
 * The leader tab's line to the conversation (SPEC §6). The socket is preferred: the token travels
 * in its subprotocol list, never in the URL, and every (re)connect resumes after the last seq.
 * While it cannot connect the chat goes over HTTP polling and the socket keeps being retried; a
 * socket refused for being one too many (SPEC §10) is treated the same way. Backoff, keep-alive
 * and the browser's offline/online events are the shared `ReconnectingSocket`'s.
 */
export class Connection {
  readonly #deps: ConnectionDeps;
  readonly #socket: ReconnectingSocket<ServerFrame, ClientFrame>;
  #poller: PollLink | null = null;
  /** Polling is wanted: the poller runs, or its chunk is on the way. */
  #polling = false;
  #everOnline = false;
  /** The seq the current socket resumed after, null when it started from scratch. */
  #resumedAfter: number | null = null;
  /**
   * Frames worth sending late (escalate); typing and read receipts are stale by then, and the
   * engine asks for an older page it awaits again itself once a transport is up.
   */
  #held: ClientFrame[] = [];

  constructor(deps: ConnectionDeps) {
    this.#deps = deps;
    this.#socket = new ReconnectingSocket<ServerFrame, ClientFrame>({
      address: async () => {
        const afterSeq = (this.#resumedAfter = deps.afterSeq());
        await deps.ensureFreshToken();
        const query = afterSeq === null ? "" : `?after_seq=${afterSeq}`;
        return {
          url: `${deps.backendUrl.replace(/^http/, "ws")}/ws/chat/${encodeURIComponent(deps.conversationId)}${query}`,
          protocols: [SOCKET_PROTOCOL, BEARER_PROTOCOL_PREFIX + deps.session().visitor_token],
        };
      },
      retryMs: deps.reconnectInterval,
      // A server older than this widget sends no keep-alive interval; its default timeout applies.
      keepAliveMs: () => deps.session().limits?.keepalive_ms ?? DEFAULT_KEEPALIVE_MS,
      isGreeting: (frame) => frame.type === "hello",
      onFrame: (frame) => {
        deps.onFrame(frame);
        // A resume returns a bounded page of missed messages; the rest come over HTTP.
        if (frame.type === "hello" && frame.has_more && this.#resumedAfter !== null) void this.#catchUp();
      },
      onState: (state) => this.#socketState(state),
      // A deleted site's key and tokens are void: neither the socket nor polling can come back.
      finalCodes: [CLOSE_CODES.siteDeleted],
      onFinalClose: () => {
        this.#stopPoller();
        this.#setState("offline", null);
      },
      shouldRetry: (close) => this.#socketClosed(close),
    });
  }

  start(): void {
    this.#socket.start();
  }

  stop(): void {
    this.#socket.stop();
    this.#stopPoller();
  }

  /** Hands a frame to whichever transport is up; false when none is and the frame was dropped. */
  send(frame: ClientFrame): boolean {
    if (this.#socket.send(frame)) return true;
    if (this.#poller?.ready) {
      this.#poller.send(frame);
      return true;
    }
    if (frame.type === "escalate") this.#held.push(frame);
    return false;
  }

  #socketState(state: SocketState): void {
    if (state === "open" || state === "offline") this.#stopPoller();
    if (state === "open") this.#becameReady("websocket");
    else if (state === "offline") this.#setState("offline", null);
    else if (state === "reconnecting" && !this.#poller?.ready) this.#setState(this.#everOnline ? "reconnecting" : "connecting", null);
  }

  /**
   * A socket that never said hello cannot connect from here (proxy, firewall, blocked upgrade),
   * and one refused as too many stays refused while the visitor's other sockets are open: chat
   * over HTTP meanwhile, and keep trying the socket.
   */
  #socketClosed(close: SocketClose): boolean {
    const refused = close.code === CLOSE_CODES.tooManySockets;
    if (!close.ready || refused) this.#startPoller(!refused);
    return true;
  }

  async #catchUp(): Promise<void> {
    try {
      for (let more = true; more; ) {
        const hello = await this.#deps.api.poll(this.#deps.conversationId, this.#deps.afterSeq());
        this.#deps.onFrame(hello);
        more = hello.has_more;
      }
    } catch {
      // The next reconnect resumes from wherever this stopped.
    }
  }

  /**
   * The fallback is its own chunk, fetched the first time a socket cannot connect: most visitors
   * never need it. Unreachable, it is tried again at the next socket failure. `failed`: the socket
   * could not connect, which the poller reports once (a refusal for too many sockets is no failed
   * connect: this visitor's other sockets are open).
   */
  #startPoller(failed: boolean): void {
    if (this.#polling) return;
    this.#polling = true;
    import("./poll-link").then(
      ({ PollLink }) => this.#polling && !this.#poller && this.#runPoller(PollLink, failed),
      () => (this.#polling = false),
    );
  }

  #runPoller(Link: typeof PollLink, failed: boolean): void {
    this.#poller = new Link(
      this.#deps.api,
      this.#deps.conversationId,
      () => this.#deps.afterSeq(),
      {
        onFrame: (frame) => this.#deps.onFrame(frame),
        onUp: () => this.#socket.isOpen || this.#becameReady("polling"),
        onDown: () => this.#socket.isOpen || this.#setState("reconnecting", null),
      },
      this.#deps.reconnectInterval,
    );
    this.#poller.start(failed);
  }

  #stopPoller(): void {
    this.#polling = false;
    this.#poller?.stop();
    this.#poller = null;
  }

  #becameReady(transport: Transport): void {
    this.#everOnline = true;
    this.#setState("online", transport);
    const held = this.#held;
    this.#held = [];
    for (const frame of held) this.send(frame);
    this.#deps.onReady();
  }

  #setState(status: ConnectionStatus, transport: Transport | null): void {
    this.#deps.onState({ status, transport });
  }
}
