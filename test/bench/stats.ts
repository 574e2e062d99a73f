/** Latency samples and delivery counts: what every scenario reports. Times are in ms. */

/** The nearest-rank percentile of `samples` (0 when there are none). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * Who should get which message, and who did. A message is expected once at each recipient; a
 * recipient that never sees it counts one lost, one that sees it twice counts one duplicated.
 * Latency is first arrival minus send time.
 */
export class Deliveries {
  private readonly sentAt = new Map<string, number>();
  private readonly expected = new Map<string, number>();
  /** "recipient id" → arrivals. */
  private readonly arrivals = new Map<string, number>();
  readonly latenciesMs: number[] = [];
  /** Per message: the latency of its last first-arrival, i.e. when every recipient had it. */
  readonly lastMsById = new Map<string, number>();
  /** performance.now() of the latest first arrival. */
  lastArrivalAt = 0;
  private arrived = 0;
  /** The sum of `expected`, kept as it changes: summed per arrival it cost O(messages) each. */
  private expectedCount = 0;
  private waiters: Array<() => void> = [];

  /** Records that `id` is sent now (`at`, from performance.now()) to `recipients` sockets. */
  sent(id: string, recipients: readonly string[], at = performance.now()): void {
    this.sentAt.set(id, at);
    this.expectedCount += recipients.length - (this.expected.get(id) ?? 0);
    this.expected.set(id, recipients.length);
    for (const recipient of recipients) this.arrivals.set(`${recipient} ${id}`, 0);
  }

  /** A recipient saw `id`; messages not sent through `sent` (bot replies, echoes) are ignored. */
  received(recipient: string, id: string, at = performance.now()): void {
    const key = `${recipient} ${id}`;
    const count = this.arrivals.get(key);
    if (count === undefined) return;
    this.arrivals.set(key, count + 1);
    if (count > 0) return;
    const latency = at - this.sentAt.get(id)!;
    this.latenciesMs.push(latency);
    this.lastMsById.set(id, Math.max(latency, this.lastMsById.get(id) ?? 0));
    this.lastArrivalAt = at;
    this.arrived++;
    if (this.arrived === this.expectedTotal()) for (const wake of this.waiters.splice(0)) wake();
  }

  expectedTotal(): number {
    return this.expectedCount;
  }

  /** Resolves once every expected arrival happened, or after `timeoutMs` (the rest is lost). */
  async settle(timeoutMs: number): Promise<void> {
    if (this.arrived >= this.expectedTotal()) return;
    await Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), sleep(timeoutMs)]);
  }

  lost(): number {
    let lost = 0;
    for (const count of this.arrivals.values()) if (count === 0) lost++;
    return lost;
  }

  duplicated(): number {
    let duplicated = 0;
    for (const count of this.arrivals.values()) if (count > 1) duplicated += count - 1;
    return duplicated;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `tasks` with at most `concurrency` at a time, in order; resolves with their results. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** Calls `tick(i)` for i = 0..count-1, `ratePerS` times a second, on a schedule that does not drift. */
export async function paced(count: number, ratePerS: number, tick: (index: number) => void): Promise<void> {
  const start = performance.now();
  const intervalMs = 1000 / ratePerS;
  for (let i = 0; i < count; i++) {
    const wait = start + i * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    tick(i);
  }
}
