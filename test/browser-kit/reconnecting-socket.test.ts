import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CLOSE_CODES } from "@parley/protocol/close-codes";
import { PING, PONG } from "@parley/protocol/limits";
import {
  MISSED_PINGS,
  ReconnectingSocket,
  STABLE_MS,
  type ReconnectingSocketOptions,
  type SocketClose,
  type SocketState,
} from "../../widget/shared/reconnecting-socket";

/** A browser WebSocket as far as the client uses it, driven by the test as the server. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  protocol = "";
  readonly sent: string[] = [];
  closedWith: number | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols?: string[],
  ) {
    FakeSocket.all.push(this);
  }

  send(text: string): void {
    this.sent.push(text);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = FakeSocket.CLOSED;
  }

  accept(): void {
    this.protocol = this.protocols?.[0] ?? "";
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  say(text: string): void {
    this.onmessage?.({ data: text });
  }

  end(code: number, reason = ""): void {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason });
  }
}

const RETRY_MS = 100;
const KEEPALIVE_MS = 1_000;

const latest = (): FakeSocket => FakeSocket.all.at(-1)!;
/** The window's `online` and `offline` events. */
const browser = new EventTarget();
/** The states of the newest client. */
let states: SocketState[] = [];
const clients: Array<ReconnectingSocket<{ type: string }>> = [];

function client(options: Partial<ReconnectingSocketOptions<{ type: string }>> = {}): ReconnectingSocket<{ type: string }> {
  states = [];
  const seen = states;
  const socket = new ReconnectingSocket<{ type: string }>({
    address: () => ({ url: `ws://parley.test/ws/${FakeSocket.all.length}`, protocols: ["parley.v1"] }),
    retryMs: RETRY_MS,
    maxRetryMs: 1_000,
    keepAliveMs: () => KEEPALIVE_MS,
    onFrame: () => {},
    onState: (state) => seen.push(state),
    ...options,
  });
  clients.push(socket);
  socket.start();
  return socket;
}

/** Waits `ms` and says whether the client made a new attempt in that time. */
async function attemptAfter(ms: number): Promise<boolean> {
  const before = FakeSocket.all.length;
  await vi.advanceTimersByTimeAsync(ms - 1);
  if (FakeSocket.all.length !== before) return false;
  await vi.advanceTimersByTimeAsync(1);
  return FakeSocket.all.length === before + 1;
}

describe("ReconnectingSocket", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // No jitter: every wait is exactly its base.
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    vi.stubGlobal("WebSocket", FakeSocket);
    vi.stubGlobal("navigator", { onLine: true });
    vi.stubGlobal("addEventListener", browser.addEventListener.bind(browser));
    vi.stubGlobal("removeEventListener", browser.removeEventListener.bind(browser));
    FakeSocket.all = [];
  });

  afterEach(() => {
    for (const socket of clients.splice(0)) socket.stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("waits longer after each failed attempt, up to the cap, and starts over after a stable connection", async () => {
    // Pings are answered by no one here; a long interval keeps them out of the way.
    client({ keepAliveMs: () => 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    for (const wait of [100, 160, 256, 410, 655, 1_000, 1_000]) {
      latest().end(1006);
      expect(await attemptAfter(wait)).toBe(true);
    }

    // Ready, but dropped at once: not stable, so the waits keep their length.
    latest().accept();
    await vi.advanceTimersByTimeAsync(STABLE_MS - 1);
    latest().end(1006);
    expect(await attemptAfter(1_000)).toBe(true);

    latest().accept();
    expect(states.at(-1)).toBe("open");
    await vi.advanceTimersByTimeAsync(STABLE_MS);
    latest().end(1006);
    expect(states.at(-1)).toBe("reconnecting");
    expect(await attemptAfter(RETRY_MS)).toBe(true);
  });

  it("stops for good on a final close code and lets the caller refuse others", async () => {
    const finalCloses: SocketClose[] = [];
    client({ onFinalClose: (close) => finalCloses.push(close) });
    await vi.advanceTimersByTimeAsync(0);
    latest().accept();
    latest().end(CLOSE_CODES.signedOut, "session_expired");
    expect(states.at(-1)).toBe("stopped");
    expect(finalCloses).toEqual([{ code: CLOSE_CODES.signedOut, reason: "session_expired", opened: true, ready: true }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);

    // Without it in `finalCodes`, one socket too many is retried (the widget polls meanwhile)...
    const widget = client();
    await vi.advanceTimersByTimeAsync(0);
    latest().end(CLOSE_CODES.tooManySockets);
    expect(await attemptAfter(RETRY_MS)).toBe(true);
    widget.stop();

    // ... and with it, not (the dashboard).
    const dashboard = client({ finalCodes: [CLOSE_CODES.signedOut, CLOSE_CODES.tooManySockets] });
    await vi.advanceTimersByTimeAsync(0);
    const before = FakeSocket.all.length;
    latest().end(CLOSE_CODES.tooManySockets);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(states.at(-1)).toBe("stopped");
    expect(FakeSocket.all).toHaveLength(before);
    expect(dashboard.send({ type: "x" })).toBe(false);

    // A refused upgrade the caller finds final (signed out meanwhile) stops too.
    client({ shouldRetry: async ({ opened }) => opened });
    await vi.advanceTimersByTimeAsync(0);
    latest().end(1006);
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(["connecting", "reconnecting", "stopped"]);
  });

  it("pings at the keep-alive interval and gives up on a connection whose pings go unanswered", async () => {
    client();
    await vi.advanceTimersByTimeAsync(0);
    const first = latest();
    first.accept();
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(KEEPALIVE_MS);
      first.say(PONG);
    }
    expect(first.sent).toEqual(Array(5).fill(PING));
    expect(first.closedWith).toBeNull();

    // The server goes quiet: the pings go on until MISSED_PINGS of them got no answer.
    await vi.advanceTimersByTimeAsync(MISSED_PINGS * KEEPALIVE_MS);
    expect(first.sent).toHaveLength(5 + MISSED_PINGS);
    expect(first.closedWith).toBeNull();
    await vi.advanceTimersByTimeAsync(KEEPALIVE_MS);
    expect(first.closedWith).toBe(CLOSE_CODES.idle);
    expect(states.at(-1)).toBe("reconnecting");
    expect(await attemptAfter(RETRY_MS)).toBe(true);
  });

  it("is ready only once greeted, and waits while the browser is offline", async () => {
    const frames: string[] = [];
    const socket = client({ isGreeting: (frame) => frame.type === "hello", onFrame: (frame) => frames.push(frame.type) });
    await vi.advanceTimersByTimeAsync(0);
    latest().accept();
    expect(socket.send({ type: "typing" })).toBe(false);
    latest().say(JSON.stringify({ type: "hello" }));
    expect(frames).toEqual(["hello"]);
    expect(states).toEqual(["connecting", "open"]);
    expect(socket.send({ type: "typing" })).toBe(true);

    vi.stubGlobal("navigator", { onLine: false });
    browser.dispatchEvent(new Event("offline"));
    expect(states.at(-1)).toBe("offline");
    expect(latest().closedWith).toBe(1000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);

    vi.stubGlobal("navigator", { onLine: true });
    browser.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
    expect(states.at(-1)).toBe("reconnecting");
  });
});
