import type { ClientFrame, ServerFrame } from "@parley/protocol";
import { BEARER_PROTOCOL_PREFIX, PING, PONG, SOCKET_PROTOCOL } from "@parley/protocol/limits";

/** The server closes sockets silent for 30 s; a ping every 20 s keeps ours open. */
const PING_EVERY_MS = 20_000;
/** Silence after which the socket counts as dead, although the browser has not noticed yet. */
const SILENCE_LIMIT_MS = 45_000;
/** An upgrade that has not produced `hello` by then is not going to. */
const HELLO_TIMEOUT_MS = 10_000;

export interface SocketHandlers {
  onFrame(frame: ServerFrame): void;
  /** `greeted`: the server's `hello` arrived, so sockets do work from here. */
  onClose(greeted: boolean): void;
}

/**
 * One conversation socket, from upgrade to close (SPEC §6). The token travels in the
 * subprotocol list, never in the URL. It never reconnects itself: `Connection` decides that.
 */
export class SocketLink {
  private readonly ws: WebSocket | null = null;
  private greeted = false;
  private finished = false;
  private lastHeard = Date.now();
  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];

  constructor(
    url: string,
    token: string,
    private readonly handlers: SocketHandlers,
  ) {
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
    ws.onclose = () => this.finish();
    this.timers.push(
      setInterval(() => this.keepAlive(), PING_EVERY_MS),
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
    if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) this.close();
    else if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(PING);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer);
    if (this.ws) this.ws.onopen = this.ws.onmessage = this.ws.onclose = null;
    this.handlers.onClose(this.greeted);
  }
}
