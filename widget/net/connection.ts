import type { ClientFrame, ServerFrame, ServerFrameOf, SessionInitResponse } from "@parley/protocol";
import { CLOSE_CODES } from "@parley/protocol/close-codes";
import type { Transport } from "../contract";
import { Backoff } from "../shared/backoff";
import { DEFAULT_KEEPALIVE_MS } from "../shared/keep-alive";
import type { ApiClient } from "./api-client";
import { PollLink } from "./poll-link";
import { SocketLink } from "./socket-link";

export type ConnectionStatus = "connecting" | "online" | "reconnecting" | "offline";

export interface ConnectionState {
  status: ConnectionStatus;
  transport: Transport | null;
}

export interface ConnectionDeps {
  api: ApiClient;
  backendUrl: string;
  reconnectInterval: number;
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
 * The leader tab's line to the conversation. The socket is preferred; while it cannot connect the
 * chat goes over HTTP polling, and the socket keeps being retried with backoff, resuming after the
 * last seq. A socket refused for being one too many (SPEC §10) is treated the same way. The
 * browser's offline/online events stop and restart everything at once.
 */
export class Connection {
  private socket: SocketLink | null = null;
  private poller: PollLink | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff: Backoff;
  private everOnline = false;
  private stopped = false;
  /** Frames worth sending late (escalate, load older); typing and read receipts are stale by then. */
  private held: ClientFrame[] = [];

  constructor(private readonly deps: ConnectionDeps) {
    this.backoff = new Backoff(deps.reconnectInterval);
  }

  start(): void {
    addEventListener("online", this.onOnline);
    addEventListener("offline", this.onOffline);
    if (navigator.onLine) void this.openSocket();
    else this.onOffline();
  }

  stop(): void {
    this.stopped = true;
    removeEventListener("online", this.onOnline);
    removeEventListener("offline", this.onOffline);
    clearTimeout(this.retryTimer);
    this.socket?.close();
    this.stopPoller();
  }

  /** Hands a frame to whichever transport is up; false when none is and the frame was dropped. */
  send(frame: ClientFrame): boolean {
    if (this.socket?.send(frame)) return true;
    if (this.poller?.ready) {
      this.poller.send(frame);
      return true;
    }
    if (frame.type === "escalate" || frame.type === "load_older") this.held.push(frame);
    return false;
  }

  private async openSocket(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (this.socket || this.stopped || !navigator.onLine) return;
    const afterSeq = this.deps.afterSeq();
    try {
      await this.deps.ensureFreshToken();
    } catch {
      this.retryLater();
      return;
    }
    if (this.socket || this.stopped) return;
    const session = this.deps.session();
    const wsBase = this.deps.backendUrl.replace(/^http/, "ws");
    const query = afterSeq === null ? "" : `?after_seq=${afterSeq}`;
    const url = `${wsBase}/ws/chat/${encodeURIComponent(session.session_id)}${query}`;
    // A server older than this widget sends no keep-alive interval; its default timeout applies.
    const keepAliveMs = session.limits?.keepalive_ms ?? DEFAULT_KEEPALIVE_MS;
    const socket: SocketLink = new SocketLink(url, session.visitor_token, keepAliveMs, {
      onFrame: (frame) => {
        this.deps.onFrame(frame);
        if (frame.type === "hello") this.socketGreeted(frame, afterSeq !== null);
      },
      onClose: (greeted, code) => this.socketClosed(socket, greeted, code),
    });
    this.socket = socket;
  }

  private socketGreeted(hello: ServerFrameOf<"hello">, resumed: boolean): void {
    this.backoff.reset();
    this.stopPoller();
    this.becameReady("websocket");
    if (resumed && hello.has_more) void this.catchUp();
  }

  private socketClosed(socket: SocketLink, greeted: boolean, code: number | null): void {
    if (this.socket !== socket) return;
    this.socket = null;
    if (this.stopped || !navigator.onLine) return;
    // A socket that never said hello cannot connect from here (proxy, firewall, blocked upgrade),
    // and one refused as too many stays refused while the visitor's other sockets are open: chat
    // over HTTP meanwhile, and keep trying the socket.
    if (!greeted || code === CLOSE_CODES.tooManySockets) this.startPoller();
    if (!this.poller?.ready) this.setState(this.everOnline ? "reconnecting" : "connecting", null);
    this.retryLater();
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer);
    if (!this.stopped) this.retryTimer = setTimeout(() => void this.openSocket(), this.backoff.next());
  }

  /** A resume returns a bounded page of missed messages; the rest come over HTTP. */
  private async catchUp(): Promise<void> {
    try {
      for (let more = true; more; ) {
        const hello = await this.deps.api.poll(this.deps.session().session_id, this.deps.afterSeq());
        this.deps.onFrame(hello);
        more = hello.has_more;
      }
    } catch {
      // The next reconnect resumes from wherever this stopped.
    }
  }

  private startPoller(): void {
    if (this.poller) return;
    this.poller = new PollLink(
      this.deps.api,
      this.deps.session().session_id,
      () => this.deps.afterSeq(),
      {
        onFrame: (frame) => this.deps.onFrame(frame),
        onUp: () => this.socket?.ready || this.becameReady("polling"),
        onDown: () => this.socket?.ready || this.setState("reconnecting", null),
      },
      this.deps.reconnectInterval,
    );
    this.poller.start();
  }

  private stopPoller(): void {
    this.poller?.stop();
    this.poller = null;
  }

  private becameReady(transport: Transport): void {
    this.everOnline = true;
    this.setState("online", transport);
    const held = this.held;
    this.held = [];
    for (const frame of held) this.send(frame);
    this.deps.onReady();
  }

  private setState(status: ConnectionStatus, transport: Transport | null): void {
    this.deps.onState({ status, transport });
  }

  private readonly onOffline = (): void => {
    clearTimeout(this.retryTimer);
    this.socket?.close();
    this.stopPoller();
    this.setState("offline", null);
  };

  private readonly onOnline = (): void => {
    this.backoff.reset();
    this.setState(this.everOnline ? "reconnecting" : "connecting", null);
    void this.openSocket();
  };
}
