/**
 * Collects the frames one socket receives and lets a test wait for the one it expects. Shared by
 * the workers-pool socket helper and the Node `ws` client of the end-to-end tests.
 */
export class FrameInbox<F extends { type: string }> {
  readonly frames: F[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];

  push(frame: F): void {
    this.frames.push(frame);
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
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of(type).find(match);
      if (found) return found;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before the ${type} frame arrived`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`no matching ${type} frame within ${timeoutMs} ms; got ${this.frames.map((f) => f.type).join(",")}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the socket has closed, or gives up after `timeoutMs`. */
  async untilClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string } | null> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closed;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
