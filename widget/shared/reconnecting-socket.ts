import { CLOSE_CODES } from "@parley/protocol/close-codes";
import { PING, PONG } from "@parley/protocol/limits";
import { Backoff } from "./backoff";

/**
 * `connecting` until the first attempt ends, `open` while frames can be sent, `reconnecting`
 * between attempts, `offline` while the browser says it is (no attempts until it is back),
 * `stopped` for good.
 */
export type SocketState = "connecting" | "open" | "reconnecting" | "offline" | "stopped";

export interface SocketAddress {
  url: string;
  /** The first is the protocol the server must answer with; the others may carry a token. */
  protocols?: string[];
}

export interface SocketClose {
  code: number;
  reason: string;
  /** The upgrade went through: false tells a refused or blocked upgrade from a dropped connection. */
  opened: boolean;
  /** The connection had become usable (`open`) before it ended. */
  ready: boolean;
}

export interface ReconnectingSocketOptions<In> {
  /**
   * Where to connect, asked before every attempt: the resume hook. The URL carries what the client
   * already has (`after_seq`), and a token can be renewed first. Throwing fails the attempt.
   */
  address: () => SocketAddress | Promise<SocketAddress>;
  /** The first wait before reconnecting, in ms; later waits grow to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs?: number;
  /** How often to ping, read before every ping: the server may say its own interval late. */
  keepAliveMs: () => number;
  onFrame: (frame: In) => void;
  /** The frame that says the server is ready (e.g. `hello`); without it a socket is ready once open. */
  isGreeting?: (frame: In) => boolean;
  /** `open` comes each time the socket becomes ready: the place to resend what the server forgot. */
  onState?: (state: SocketState) => void;
  /** Codes after which reconnecting is pointless: stop, then `onFinalClose`. Default: signed out. */
  finalCodes?: readonly number[];
  onFinalClose?: (close: SocketClose) => void;
  /** Asked after any other close (not while offline); false stops for good. */
  shouldRetry?: (close: SocketClose) => boolean | Promise<boolean>;
}

/** A socket not ready this long after the attempt began (no upgrade, no greeting) is given up. */
export const READY_TIMEOUT_MS = 10_000;
/** A connection that stayed ready this long resets the backoff when it ends. */
export const STABLE_MS = 10_000;
/** Pings sent without hearing anything back before the connection counts as dead. */
export const MISSED_PINGS = 2;

/**
 * One WebSocket that keeps itself connected, for the widget and the dashboard (SPEC §6, §7, §10).
 * It reconnects with backoff (jittered, capped, reset after a stable connection), pings at the
 * server's keep-alive interval so the server never finds it silent, and gives up on a connection
 * after `MISSED_PINGS` pings went unanswered. It waits while the browser is offline and reconnects
 * at once when it is back. Frames are JSON both ways; what they mean is the caller's business.
 *
 * @example
 * const socket = new ReconnectingSocket<ServerFrame, ClientFrame>({
 *   address: () => ({ url: `wss://host/ws/chat/${id}?after_seq=${lastSeq()}`, protocols: [SOCKET_PROTOCOL] }),
 *   retryMs: 3000, keepAliveMs: () => 10_000, onFrame, isGreeting: (frame) => frame.type === "hello",
 * });
 * socket.start();
 */
export class ReconnectingSocket<In, Out = unknown> {
  readonly #options: ReconnectingSocketOptions<In>;
  #ws: WebSocket | null = null;
  readonly #backoff: Backoff;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  #opened = false;
  #ready = false;
  #readyAt = 0;
  /** Pings sent since the server was last heard from. */
  #missed = 0;
  #asking = false;
  #stopped = false;

  constructor(options: ReconnectingSocketOptions<In>) {
    this.#options = options;
    this.#backoff = new Backoff(options.retryMs, options.maxRetryMs);
  }

  start(): void {
    addEventListener("online", this.#online);
    addEventListener("offline", this.#offline);
    if (navigator.onLine) {
      this.#setState("connecting");
      void this.#connect();
    } else this.#setState("offline");
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    removeEventListener("online", this.#online);
    removeEventListener("offline", this.#offline);
    clearTimeout(this.#retryTimer);
    this.#drop()?.close(1000);
    this.#setState("stopped");
  }

  /** Ready: open, and greeted when a greeting is expected. */
  get isOpen(): boolean {
    return this.#ready && this.#ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a frame now, or returns false when the socket is not ready (the caller decides to queue). */
  send(frame: Out): boolean {
    return this.isOpen && this.#sendText(JSON.stringify(frame));
  }

  /** The keep-alive interval changed (the server just said its own): the next ping follows it. */
  keepAliveChanged(): void {
    if (this.#opened) this.#schedulePing();
  }

  async #connect(): Promise<void> {
    clearTimeout(this.#retryTimer);
    if (this.#ws || this.#asking || this.#stopped || !navigator.onLine) return;
    let address: SocketAddress | null = null;
    this.#asking = true;
    try {
      address = await this.#options.address();
    } catch {
      // Not even attempted (the token could not be renewed): try again later.
    }
    this.#asking = false;
    if (this.#ws || this.#stopped || !navigator.onLine) return;
    if (!address) return this.#retryLater();
    const protocol = address.protocols?.[0];
    let ws: WebSocket;
    try {
      ws = this.#ws = new WebSocket(address.url, address.protocols);
    } catch {
      // Blocked or unsupported: the same as a refused upgrade.
      return void this.#closed(1006, "");
    }
    this.#missed = 0;
    this.#readyTimer = setTimeout(() => this.#giveUp("not ready"), READY_TIMEOUT_MS);
    ws.onopen = () => {
      this.#opened = true;
      // A server that did not take our protocol is not ours (a proxy's page, say).
      if (protocol && ws.protocol !== protocol) return this.#giveUp("wrong protocol");
      this.#schedulePing();
      if (!this.#options.isGreeting) this.#becomeReady();
    };
    ws.onmessage = (event: MessageEvent) => {
      this.#missed = 0;
      if (typeof event.data !== "string" || event.data === PONG) return;
      let frame: In;
      try {
        frame = JSON.parse(event.data) as In;
      } catch {
        return;
      }
      const greeting = !this.#ready && !!this.#options.isGreeting?.(frame);
      // Ready before the greeting is handled, so its handler may already send.
      this.#ready ||= greeting;
      this.#options.onFrame(frame);
      if (greeting && this.#ws === ws) this.#becomeReady();
    };
    ws.onclose = (event: CloseEvent) => void this.#closed(event.code, event.reason);
  }

  #becomeReady(): void {
    clearTimeout(this.#readyTimer);
    this.#ready = true;
    this.#readyAt = Date.now();
    this.#setState("open");
  }

  #schedulePing(): void {
    clearTimeout(this.#pingTimer);
    this.#pingTimer = setTimeout(() => this.#keepAlive(), this.#options.keepAliveMs());
  }

  /** Pings, unless the last pings went unanswered: then the connection died without telling. */
  #keepAlive(): void {
    if (this.#missed >= MISSED_PINGS) return this.#giveUp("no answer to pings");
    this.#missed++;
    this.#sendText(PING);
    this.#schedulePing();
  }

  /** This side ends the connection (dead, never ready, not ours) and reconnects as after any close. */
  #giveUp(reason: string): void {
    this.#ws?.close(CLOSE_CODES.idle, reason);
    void this.#closed(CLOSE_CODES.idle, reason);
  }

  async #closed(code: number, reason: string): Promise<void> {
    const close: SocketClose = { code, reason, opened: this.#opened, ready: this.#ready };
    this.#drop();
    if (this.#stopped) return;
    if ((this.#options.finalCodes ?? [CLOSE_CODES.signedOut]).includes(code)) {
      this.stop();
      return this.#options.onFinalClose?.(close);
    }
    if (close.ready && Date.now() - this.#readyAt >= STABLE_MS) this.#backoff.reset();
    // Offline: the browser's `online` event reconnects.
    if (!navigator.onLine) return this.#setState("offline");
    this.#setState("reconnecting");
    if (this.#options.shouldRetry && !(await this.#options.shouldRetry(close))) return this.stop();
    this.#retryLater();
  }

  #retryLater(): void {
    clearTimeout(this.#retryTimer);
    if (!this.#stopped && navigator.onLine) this.#retryTimer = setTimeout(() => void this.#connect(), this.#backoff.next());
  }

  #sendText(text: string): boolean {
    if (this.#ws?.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(text);
    return true;
  }

  /** Unhooks the current socket so its late events cannot touch the next one. */
  #drop(): WebSocket | null {
    const ws = this.#ws;
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#readyTimer);
    this.#ws = null;
    this.#opened = this.#ready = false;
    if (ws) ws.onopen = ws.onmessage = ws.onclose = null;
    return ws;
  }

  #setState(state: SocketState): void {
    this.#options.onState?.(state);
  }

  readonly #online = (): void => {
    if (this.#ws || this.#stopped) return;
    this.#backoff.reset();
    this.#setState("reconnecting");
    void this.#connect();
  };

  readonly #offline = (): void => {
    clearTimeout(this.#retryTimer);
    this.#drop()?.close(1000);
    this.#setState("offline");
  };
}
