/**
 * How long the worker holds a remembered refusal before answering it (ms): a reconnect loop that
 * ignores `Retry-After` and tries again as soon as it is answered makes one attempt a second per
 * tab instead of one per round trip. A cool-down with no more than this left is waited out and
 * the upgrade goes on to the object. Waiting costs no CPU; the per-address upgrade limit (SPEC
 * §10) bounds how many such answers one address can keep waiting.
 */
export const REMEMBERED_REFUSAL_DELAY_MS = 1000;

/**
 * Callers an object refused at the upgrade while they cool down from a flood (HTTP 429 with
 * `Retry-After`, `refuseUpgrade`), remembered by the worker isolate until the exact end the
 * object gave (`COOL_DOWN_HEADER`): the reconnect loop of a flooder is then answered 429 before
 * the conversation's D1 read and the object's call, which is what each of its attempts cost
 * (SPEC §10). A cache of the object's own
 * answer, never a decision of its own: a caller not remembered here, or remembered by another
 * isolate only, is asked about by the object, which keeps the cool-down in storage.
 *
 * Bounded: at `max` entries the oldest goes first; entries run a few seconds each, so the oldest
 * has mostly ended, and one dropped early only sends its caller back to the object.
 */
export class CoolDowns {
  /** Key → end of the cool-down (ms since the epoch), oldest first. */
  private readonly until = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Milliseconds left of `key`'s cool-down at `now`, 0 for none. */
  remainingMs(key: string, now: number): number {
    const end = this.until.get(key);
    if (end === undefined) return 0;
    if (end > now) return end - now;
    this.until.delete(key);
    return 0;
  }

  /** Remembers that `key` cools down until `end` (ms since the epoch). */
  remember(key: string, end: number): void {
    this.until.delete(key);
    while (this.until.size >= this.max) {
      const oldest = this.until.keys().next().value;
      if (oldest === undefined) break;
      this.until.delete(oldest);
    }
    this.until.set(key, end);
  }
}
