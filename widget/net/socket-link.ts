import type { ClientFrame, ServerFrame } from "@parley/protocol";
import { BEARER_PROTOCOL_PREFIX, PING, PONG, SOCKET_PROTOCOL } from "@parley/protocol/limits";
import { silenceLimitMs } from "../shared/keep-alive";

/** An upgrade that has not produced `hello` by then is not going to. */
const HELLO_TIMEOUT_MS = 10_000;

export interface SocketHandlers {
  onFrame(frame: ServerFrame): void;
  /**
   * `greeted`: the server's `hello` arrived, so sockets do work from here. `code`: the close code
   * the server sent, or null when the socket failed or this side gave up on it.
   */
  onClose(greeted: boolean, code: number | null): void;
}

/**
 * One conversation socket, from upgrade to close (SPEC §6). The token travels in the
 * subprotocol list, never in the URL. It pings every `keepAliveMs` (the server's own interval,
 * from session init) and gives up after two unanswered pings. It never reconnects itself:
 * `Connection` decides that.
 */
export class SocketLink {
  private readonly ws: WebSocket | null = null;
  private greeted = false;
  private finished = false;
  private lastHeard = Date.now();
  private readonly silenceLimitMs: number;
  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];

  constructor(
    url: string,
    token: string,
    keepAliveMs: number,
    private readonly handlers: SocketHandlers,
  ) {
    this.silenceLimitMs = silenceLimitMs(keepAliveMs);
    try {
      this.ws = new WebSocket(url, [SOCKET_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${token}`]);
    } catch {
      // Blocked or unsupported: report it the way a failed upgrade is reported.
      queueMicrotask(() => this.finish());
      return;
    }
    const ws = this.ws;
    ws.onopen = () => ws.protocol !== SOCKET_PROTOCOL && this.close();
    ws.onmessage = (event: MessageEvent) => this.receive(event.data);
    ws.onclose = (event: CloseEvent) => this.finish(event.code);
    this.timers.push(
      setInterval(() => this.keepAlive(), keepAliveMs),
      setTimeout(() => this.greeted || this.close(), HELLO_TIMEOUT_MS),
    );
  }

  /** Sends when the socket is up and greeted; false tells the caller to keep the frame. */
  send(frame: ClientFrame): boolean {
    if (!this.greeted || this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  get ready(): boolean {
    return this.greeted && this.ws?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.ws?.close(1000, "bye");
    this.finish();
  }

  private receive(data: unknown): void {
    this.lastHeard = Date.now();
    if (typeof data !== "string" || data === PONG) return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === "hello") this.greeted = true;
    this.handlers.onFrame(frame);
  }

  private keepAlive(): void {
    if (Date.now() - this.lastHeard > this.silenceLimitMs) this.close();
    else if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(PING);
  }

  private finish(code: number | null = null): void {
    if (this.finished) return;
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer);
    if (this.ws) this.ws.onopen = this.ws.onmessage = this.ws.onclose = null;
    this.handlers.onClose(this.greeted, code);
  }
}
