import type { SocketMeta, SocketSet } from "./sockets";

const KEY = "sweep_due_at";

/**
 * When an object's sockets are next swept (SPEC §10, ms): every `CHAT_SWEEP_SECONDS` while it has
 * sockets, sooner when a sign-in among them ends. Kept in storage apart from the alarm, which
 * also wakes for reports and deadlines, so a busy object does not sweep at each of those.
 * The alarm's own check reads storage; planning, which every message does, reads the time this
 * instance last read or wrote (the object is the only writer of it).
 */
export class SweepPlan {
  /** The planned sweep as last read or written here (ms), null for none, undefined until read. */
  private known: number | null | undefined;

  constructor(
    private readonly kv: SyncKvStorage,
    private readonly sweepMs: number,
  ) {}

  /**
   * Sweeps `sockets` (`SocketSet.sweep`) when the sweep is due at `now`: planned for then or
   * earlier, or never planned while there are sockets (an object from before the plan); then
   * plans the next, `sweepMs` later or at the earliest sign-in end left, none without sockets.
   * Returns the attachments of the sockets it closed; none when the sweep was not due.
   */
  sweepIfDue<A extends SocketMeta>(now: number, sockets: SocketSet<A>, timeoutMs: number): A[] {
    const due = this.kv.get<number>(KEY);
    this.known = due ?? null;
    if (due === undefined ? sockets.sockets().length === 0 : due > now) return [];
    const swept = sockets.sweep(now, timeoutMs);
    this.write(sockets.sockets().length > 0 ? Math.min(now + this.sweepMs, swept.nextAuthExpiry ?? Infinity) : null);
    return swept.closed;
  }

  /**
   * The sweep's time for the alarm: null without sockets; else the planned time, or one sweep
   * from `now` when none is, brought forward to `authExpiry` (ms) when that comes first.
   */
  plan<A extends SocketMeta>(now: number, sockets: SocketSet<A>, authExpiry: number | null = null): number | null {
    if (sockets.sockets().length === 0) return null;
    if (this.known === undefined) this.known = this.kv.get<number>(KEY) ?? null;
    const next = Math.min(this.known ?? now + this.sweepMs, authExpiry ?? Infinity);
    if (next !== this.known) this.write(next);
    return next;
  }

  private write(due: number | null): void {
    if (due === null) this.kv.delete(KEY);
    else this.kv.put(KEY, due);
    this.known = due;
  }
}
