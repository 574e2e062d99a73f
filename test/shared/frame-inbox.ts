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
    let found: Extract<F, { type: T }> | undefined;
    await this.until(() => (found = this.of(type).find(match)) !== undefined, `a matching ${type} frame`, timeoutMs);
    return found!;
  }

  /** Waits until `condition` holds over the frames received so far. */
  async until(condition: () => boolean, what = "the expected frames", timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (condition()) return;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before ${what} arrived`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; got ${this.frames.map((f) => f.type).join(",")}`);
      await this.sleep(remaining);
    }
  }

  /** Waits until the socket has closed, or gives up after `timeoutMs`. */
  async untilClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string } | null> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await this.sleep(deadline - Date.now());
    return this.closed;
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
