import type { z } from "zod";
import { PONG } from "../../src/protocol/limits";

/**
 * Collects the frames one socket receives and lets a test wait for the one it expects. Every
 * frame is checked against the protocol's schema as it arrives: a frame the server should never
 * send fails the test at its next wait, so a drifting server cannot pass unnoticed. Shared by
 * the workers-pool socket helpers and the Node `ws` clients of the end-to-end tests.
 */
export class FrameInbox<F extends { type: string }> {
  readonly frames: F[] = [];
  /** What arrived that is not a valid frame, described; any entry fails the next wait. */
  readonly invalid: string[] = [];
  closed: { code: number; reason: string } | null = null;
  /** Answers to keep-alive pings, which the runtime sends without waking the object. */
  pongs = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly schema: z.ZodType<F>) {}

  /** Takes one text frame off the wire; the keep-alive answer is not a frame. */
  receive(text: string): void {
    if (text === PONG) {
      this.pongs++;
      this.wake();
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.reject(`not JSON: ${text.slice(0, 120)}`);
      return;
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      this.reject(`${text.slice(0, 300)}\n  ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return;
    }
    this.frames.push(raw as F);
    this.wake();
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason };
    this.wake();
  }

  of<T extends F["type"]>(type: T): Extract<F, { type: T }>[] {
    return this.frames.filter((f): f is Extract<F, { type: T }> => f.type === type);
  }

  /** Waits for the first frame of `type` that `match` accepts. */
  async next<T extends F["type"]>(
    type: T,
    match: (frame: Extract<F, { type: T }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<F, { type: T }>> {
    let found: Extract<F, { type: T }> | undefined;
    await this.until(() => (found = this.of(type).find(match)) !== undefined, `a matching ${type} frame`, timeoutMs);
    return found!;
  }

  /**
   * Waits for the first frame of `type` that arrives from now on: for a reply to a request just
   * sent, when an earlier frame of the same type would otherwise match.
   */
  async nextNew<T extends F["type"]>(
    type: T,
    match: (frame: Extract<F, { type: T }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<F, { type: T }>> {
    const seen = new Set(this.of(type));
    return this.next(type, (frame) => !seen.has(frame) && match(frame), timeoutMs);
  }

  /** Waits until `condition` holds over the frames received so far. */
  async until(condition: () => boolean, what = "the expected frames", timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.assertValid();
      if (condition()) return;
      if (this.closed) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before ${what} arrived`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; got ${this.frames.map((f) => f.type).join(",")}`);
      await this.sleep(remaining);
    }
  }

  /** Throws when the server sent anything that is not a valid frame. */
  assertValid(): void {
    if (this.invalid.length > 0) throw new Error(`the server sent frames outside the protocol:\n${this.invalid.join("\n")}`);
  }

  /** Waits for the answer to a ping sent from now on. */
  async nextPong(timeoutMs = 10_000): Promise<void> {
    const seen = this.pongs;
    await this.until(() => this.pongs > seen, "a pong", timeoutMs);
  }

  /** Waits until the socket has closed, or gives up after `timeoutMs`. */
  async untilClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string } | null> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await this.sleep(deadline - Date.now());
    this.assertValid();
    return this.closed;
  }

  private reject(description: string): void {
    this.invalid.push(description);
    this.wake();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
