/**
 * An object's one alarm, set to the earliest of its deadlines (SPEC §10: at most one per object).
 * It remembers the alarm it set, so planning again after every message asks the storage nothing
 * while an earlier alarm is pending. The object is the only one to set its alarm, so the memory
 * cannot go stale; a new instance reads the alarm once, and the alarm firing clears it.
 */
export class AlarmPlan {
  /** The pending alarm (ms), null for none, undefined until read. */
  private pending: number | null | undefined;

  constructor(private readonly storage: DurableObjectStorage) {}

  /**
   * Sets the alarm to the earliest of `candidates` (ms; nulls ignored). Unless `replace`, a
   * pending alarm that is earlier stays; with `replace` (from the alarm itself) no candidate
   * means no alarm.
   */
  async plan(candidates: ReadonlyArray<number | null>, replace = false): Promise<void> {
    const times = candidates.filter((time): time is number => time !== null);
    if (times.length === 0) {
      if (replace && this.pending !== null) {
        await this.storage.deleteAlarm();
        this.pending = null;
      }
      return;
    }
    const next = Math.min(...times);
    if (!replace) {
      this.pending ??= await this.storage.getAlarm();
      if (this.pending !== null && this.pending <= next) return;
    }
    await this.storage.setAlarm(next);
    this.pending = next;
  }

  /** The alarm went off: the runtime has cleared it. */
  fired(): void {
    this.pending = null;
  }
}
