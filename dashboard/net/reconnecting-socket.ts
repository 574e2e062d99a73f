import { PING, PONG } from "@parley/protocol/limits";
import { Backoff } from "@parley/browser/backoff";

export type LinkState = "connecting" | "open" | "reconnecting" | "stopped";

export interface ReconnectingSocketOptions {
  /** Computed for every attempt, so a resume can carry what the client already has. */
  url: () => string;
  protocols?: string[];
  onOpen?: () => void;
  onText: (text: string) => void;
  onState?: (state: LinkState) => void;
  /**
   * Asked after every close; `false` stops for good (signed out, account deactivated, no such
   * conversation). `opened` tells a refused upgrade from a dropped connection.
   */
  shouldRetry?: (close: { code: number; reason: string; opened: boolean }) => boolean | Promise<boolean>;
}

/** The server drops sockets silent for 30 s; a ping every 20 s keeps an idle one alive. */
const PING_INTERVAL_MS = 20_000;
/** With no byte from the server for this long the connection is dead even if the OS has not noticed. */
const SILENCE_LIMIT_MS = 2 * PING_INTERVAL_MS + 5_000;

/**
 * A WebSocket that keeps itself connected: reconnects with backoff, pings while idle, reconnects
 * at once when the browser comes back online, and notices connections that died silently.
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
      this.pingTimer = window.setInterval(() => this.keepAlive(), PING_INTERVAL_MS);
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

  private keepAlive(): void {
    if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
      this.detach()?.close(4000, "no answer to pings");
      void this.afterClose({ code: 4000, reason: "no answer to pings", opened: true });
      return;
    }
    this.sendText(PING);
  }

  private sendText(text: string): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(text);
    return true;
  }

  private async afterClose(close: { code: number; reason: string; opened: boolean }): Promise<void> {
    if (this.stopped) return;
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
    window.clearInterval(this.pingTimer);
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
