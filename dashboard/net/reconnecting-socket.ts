import { CLOSE_CODES } from "@parley/protocol/close-codes";
import { PING, PONG } from "@parley/protocol/limits";
import { Backoff } from "@parley/browser/backoff";
import { silenceLimitMs } from "@parley/browser/keep-alive";

export type LinkState = "connecting" | "open" | "reconnecting" | "stopped";

export interface ReconnectingSocketOptions {
  /** Computed for every attempt, so a resume can carry what the client already has. */
  url: () => string;
  protocols?: string[];
  onOpen?: () => void;
  onText: (text: string) => void;
  onState?: (state: LinkState) => void;
  /** How often to ping an idle socket, read before every ping: the server may tell it late. */
  keepAliveMs: () => number;
  /** Closed because the sign-in ended (logout anywhere, expiry, deactivation); stops for good. */
  onSignedOut: (reason: string) => void;
  /** Closed because the agent has the most sockets of this kind the server allows; stops for good. */
  onTooManySockets: () => void;
  /**
   * Asked after any other close; `false` stops for good (no such conversation, session gone).
   * `opened` tells a refused upgrade from a dropped connection.
   */
  shouldRetry?: (close: { code: number; reason: string; opened: boolean }) => boolean | Promise<boolean>;
}

/** The close reason when this side gives up on a connection that stopped answering. */
const NO_ANSWER = "no answer to pings";

/**
 * A WebSocket that keeps itself connected: reconnects with backoff, pings at the server's
 * keep-alive interval, reconnects at once when the browser comes back online, and notices
 * connections that died silently (two pings without an answer).
 * Both dashboard socket clients are built on it.
 */
export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private readonly backoff = new Backoff(500, 15_000);
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private lastHeard = 0;
  private stopped = false;
  private readonly reconnectNow = () => {
    if (this.ws === null && !this.stopped) {
      window.clearTimeout(this.retryTimer);
      this.connect();
    }
  };

  constructor(private readonly options: ReconnectingSocketOptions) {}

  start(): void {
    window.addEventListener("online", this.reconnectNow);
    this.setState("connecting");
    this.connect();
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a frame now, or returns false when the socket is not open (the caller decides to queue). */
  send(frame: object): boolean {
    return this.sendText(JSON.stringify(frame));
  }

  /** The keep-alive interval changed (the server just said its own): the next ping follows it. */
  keepAliveChanged(): void {
    if (!this.isOpen) return;
    window.clearTimeout(this.pingTimer);
    this.schedulePing();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.reconnectNow);
    window.clearTimeout(this.retryTimer);
    this.detach()?.close(1000, "closed by the dashboard");
    this.setState("stopped");
  }

  private connect(): void {
    const ws = new WebSocket(this.options.url(), this.options.protocols);
    let opened = false;
    this.ws = ws;
    ws.onopen = () => {
      opened = true;
      this.backoff.reset();
      this.lastHeard = Date.now();
      this.schedulePing();
      this.setState("open");
      this.options.onOpen?.();
    };
    ws.onmessage = (event: MessageEvent) => {
      this.lastHeard = Date.now();
      if (typeof event.data === "string" && event.data !== PONG) this.options.onText(event.data);
    };
    ws.onclose = (event: CloseEvent) => {
      this.detach();
      void this.afterClose({ code: event.code, reason: event.reason, opened });
    };
  }

  private schedulePing(): void {
    this.pingTimer = window.setTimeout(() => this.keepAlive(), this.options.keepAliveMs());
  }

  /** Pings, unless the server has been silent so long that the connection must be dead. */
  private keepAlive(): void {
    if (Date.now() - this.lastHeard > silenceLimitMs(this.options.keepAliveMs())) {
      this.detach()?.close(CLOSE_CODES.idle, NO_ANSWER);
      void this.afterClose({ code: CLOSE_CODES.idle, reason: NO_ANSWER, opened: true });
      return;
    }
    this.sendText(PING);
    this.schedulePing();
  }

  private sendText(text: string): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(text);
    return true;
  }

  private async afterClose(close: { code: number; reason: string; opened: boolean }): Promise<void> {
    if (this.stopped) return;
    // Reconnecting would be refused again, or would reach past a sign-in that has ended.
    if (close.code === CLOSE_CODES.signedOut || close.code === CLOSE_CODES.tooManySockets) {
      this.stop();
      if (close.code === CLOSE_CODES.signedOut) this.options.onSignedOut(close.reason);
      else this.options.onTooManySockets();
      return;
    }
    this.setState("reconnecting");
    const retry = this.options.shouldRetry ? await this.options.shouldRetry(close) : true;
    if (!retry || this.stopped) {
      this.stop();
      return;
    }
    this.retryTimer = window.setTimeout(() => this.connect(), this.backoff.next());
  }

  /** Unhooks the current socket so its late events cannot touch the next one. */
  private detach(): WebSocket | null {
    const ws = this.ws;
    window.clearTimeout(this.pingTimer);
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
    }
    return ws;
  }

  private setState(state: LinkState): void {
    this.options.onState?.(state);
  }
}
