const KEY = "sweep_due_at";

/**
 * When an object's sockets are next swept (SPEC §10, ms): every `CHAT_SWEEP_SECONDS` while it has
 * sockets, sooner when a sign-in among them ends. Kept in storage apart from the alarm, which
 * also wakes for reports and deadlines, so a busy object does not sweep at each of those.
 * Straight to storage, uncached: it is read once per plan, and tests may move it.
 */
export class SweepPlan {
  constructor(
    private readonly kv: SyncKvStorage,
    private readonly sweepMs: number,
  ) {}

  /**
   * True when the sweep is due at `now`: planned for then or earlier, or never planned while
   * there are sockets (an object from before the plan). Without sockets there is nothing to sweep.
   */
  isDue(now: number, hasSockets: boolean): boolean {
    const due = this.kv.get<number>(KEY);
    return due === undefined ? hasSockets : due <= now;
  }

  /**
   * The sweep's time for the alarm: null without sockets; else the planned time, or one sweep
   * from `now` when none is, brought forward to `authExpiry` (ms) when that comes first.
   */
  plan(now: number, hasSockets: boolean, authExpiry: number | null = null): number | null {
    if (!hasSockets) return null;
    const planned = this.kv.get<number>(KEY);
    const next = Math.min(planned ?? now + this.sweepMs, authExpiry ?? Infinity);
    if (next !== planned) this.kv.put(KEY, next);
    return next;
  }

  /** The sweep ran at `now`: the next one sweepMs later, or at the earliest sign-in end left; none without sockets. */
  swept(now: number, hasSockets: boolean, nextAuthExpiry: number | null): void {
    if (hasSockets) this.kv.put(KEY, Math.min(now + this.sweepMs, nextAuthExpiry ?? Infinity));
    else this.kv.delete(KEY);
  }
}
