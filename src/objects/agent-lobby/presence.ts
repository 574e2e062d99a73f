/**
 * When an agent's last dashboard socket closes they stay "online" for a short grace period, so a
 * reload or a network blip is not announced as leaving. Pending departures live in storage.
 */
export const PRESENCE_GRACE_MS = 10_000;

const PREFIX = "leaving:";

export class PresenceStore {
  constructor(private readonly kv: SyncKvStorage) {}

  markLeaving(agentId: string, now: number): number {
    const deadline = now + PRESENCE_GRACE_MS;
    this.kv.put(`${PREFIX}${agentId}`, deadline);
    return deadline;
  }

  /** Returns whether the agent was inside their grace period (so nobody saw them leave). */
  cancelLeaving(agentId: string): boolean {
    return this.kv.delete(`${PREFIX}${agentId}`);
  }

  isLeaving(agentId: string): boolean {
    return this.kv.get(`${PREFIX}${agentId}`) !== undefined;
  }

  /** Agents whose grace period has ended, removed from the pending list. */
  takeDeparted(now: number): string[] {
    const departed: string[] = [];
    for (const [key, deadline] of this.kv.list<number>({ prefix: PREFIX })) {
      if (deadline <= now) {
        departed.push(key.slice(PREFIX.length));
        this.kv.delete(key);
      }
    }
    return departed;
  }

  nextDeadline(): number | null {
    let next: number | null = null;
    for (const [, deadline] of this.kv.list<number>({ prefix: PREFIX })) next = next === null ? deadline : Math.min(next, deadline);
    return next;
  }
}
