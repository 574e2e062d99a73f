/**
 * When an agent's last dashboard socket closes they stay "online" for a short grace period, so a
 * reload or a network blip is not announced as leaving. Pending departures live in storage, as
 * does whether an agent set themself away.
 */
export const PRESENCE_GRACE_MS = 10_000;

/** How long (ms) a departure waits to be announced again when the agents' names could not be read. */
export const PRESENCE_RETRY_MS = 5_000;

const PREFIX = "leaving:";
/** Departed agents not yet announced (their names unread), by when to try again; not available. */
const UNANNOUNCED_PREFIX = "unannounced:";
const DEADLINE_PREFIXES = [PREFIX, UNANNOUNCED_PREFIX];
const AWAY_PREFIX = "away:";
const RECORD_KEY = "presence-record";

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

  /** An agent's own choice, kept across their sign-ins until they change it. Returns whether it changed. */
  setAway(agentId: string, away: boolean): boolean {
    if (this.isAway(agentId) === away) return false;
    if (away) this.kv.put(`${AWAY_PREFIX}${agentId}`, true);
    else this.kv.delete(`${AWAY_PREFIX}${agentId}`);
    return true;
  }

  isAway(agentId: string): boolean {
    return this.kv.get(`${AWAY_PREFIX}${agentId}`) === true;
  }

  isLeaving(agentId: string): boolean {
    return this.kv.get(`${PREFIX}${agentId}`) !== undefined;
  }

  /** Agents whose grace period has ended, and departures due to be announced again, removed from the pending lists. */
  takeDeparted(now: number): string[] {
    const departed: string[] = [];
    for (const prefix of DEADLINE_PREFIXES) {
      for (const [key, deadline] of this.kv.list<number>({ prefix })) {
        if (deadline > now) continue;
        departed.push(key.slice(prefix.length));
        this.kv.delete(key);
      }
    }
    return departed;
  }

  /** Departures that could not be announced now: taken again from `at` (ms), meanwhile not available. */
  deferAnnouncement(agentIds: readonly string[], at: number): void {
    for (const id of agentIds) this.kv.put(`${UNANNOUNCED_PREFIX}${id}`, at);
  }

  nextDeadline(): number | null {
    let next: number | null = null;
    for (const prefix of DEADLINE_PREFIXES) {
      for (const [, deadline] of this.kv.list<number>({ prefix })) next = next === null ? deadline : Math.min(next, deadline);
    }
    return next;
  }

  /**
   * Whether someone can take a customer now (SPEC §12): an agent online or inside their grace
   * period who has not set themself away. `online` are the agents with a dashboard open.
   */
  someoneAvailable(online: Iterable<string>): boolean {
    for (const id of online) if (!this.isAway(id)) return true;
    for (const [key] of this.kv.list({ prefix: PREFIX })) if (!this.isAway(key.slice(PREFIX.length))) return true;
    return false;
  }

  /**
   * Notes `available` as the presence record's value; returns whether it differs from the last
   * noted one, that is, whether the record must be written. A workspace starts with `false`, as
   * D1's column does.
   */
  recordChanged(available: boolean): boolean {
    if ((this.kv.get(RECORD_KEY) ?? false) === available) return false;
    this.kv.put(RECORD_KEY, available);
    return true;
  }

  /** A write of the record failed: D1 may hold either value, so the next check writes it again. */
  forgetRecord(): void {
    this.kv.put(RECORD_KEY, "unknown");
  }
}
