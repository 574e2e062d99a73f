import type { Escalation, ReadCursors } from "../../protocol";
import { CachedKv } from "../cached-kv";
import { INITIAL_STATE, type ConversationRef, type ConversationState, type ReopenHistory } from "../contracts";
import { NO_FACTS, type FactsWritten, type PendingCounts } from "./facts";

/** How close together two notes of activity may be before the later is written (ms). */
const ACTIVITY_STEP_MS = 1_000;

/**
 * Most escalations kept for D1 while its writes fail: a visitor asking again and again during an
 * outage cannot grow the object's storage without bound.
 */
const UNSENT_ESCALATIONS_MAX = 20;

const REPORT_CURSOR = "report_cursor";
const INDEX_CURSOR = "index_cursor";

/** The lobby's cursor: the highest seq reported, and when the last report went (ms). */
export interface ReportCursor {
  seq: number;
  at: number;
}

/** D1's cursor (see `SessionStore.indexCursor`); times in ms. */
export interface IndexCursor {
  seq: number;
  version: number;
  at: number;
  dueAt: number | null;
  /** After a failed write, no write from the alarm before then; absent or null: none waits. */
  retryAt?: number | null;
}

interface Assumption {
  state: ConversationState;
  turnId: string;
  baseVersion: number;
}

/**
 * Everything the session needs between events, in the object's synchronous KV storage, so a
 * hibernated or evicted object wakes up knowing exactly what it knew. Reads go through a
 * write-through copy (`CachedKv`): a message's turn asks for the same few keys many times.
 */
export class SessionStore {
  private readonly kv: CachedKv;
  /** The activity this instance last wrote (ms): memory only, so a woken instance writes once more. */
  private touchedAt: number | undefined;

  constructor(private readonly storage: SyncKvStorage) {
    this.kv = new CachedKv(storage);
  }

  ref(): ConversationRef | undefined {
    return this.kv.get<ConversationRef>("ref");
  }

  /** The conversation's description; the worker gives it with every upgrade and REST call. */
  conversation(): ConversationRef {
    const ref = this.ref();
    if (!ref) throw new Error("ChatSession used before the worker described its conversation");
    return ref;
  }

  /** Keeps the newest description from the worker (names and settings may have changed). */
  rememberRef(ref: ConversationRef): void {
    const current = this.ref();
    if (!current || JSON.stringify(current) !== JSON.stringify(ref)) this.kv.put("ref", ref);
  }

  /** The state the room sees: an outcome assumed while the lobby decides, else the confirmed one. */
  state(): ConversationState {
    return this.assumption()?.state ?? this.confirmedState();
  }

  /** The last state the lobby confirmed; what the lobby is told when it has no entry yet. */
  confirmedState(): ConversationState {
    return this.kv.get<ConversationState>("state") ?? INITIAL_STATE;
  }

  /**
   * Records the state a turn's request will most likely lead to, before the lobby answers, so
   * turns that run meanwhile see it (and do not escalate twice).
   */
  assume(state: ConversationState, turnId: string): void {
    this.kv.put("assumed", { state, turnId, baseVersion: this.confirmedState().version } satisfies Assumption);
  }

  /**
   * Takes a state from the lobby. It replaces the confirmed one unless an even newer one already
   * arrived. An assumption ends with the answer to its own turn, or with any state the lobby
   * decided after it; an older answer to another turn leaves it standing.
   */
  settle(state: ConversationState, turnId?: string): void {
    const assumption = this.assumption();
    if (assumption && (assumption.turnId === turnId || state.version > assumption.baseVersion)) this.kv.delete("assumed");
    const confirmed = this.confirmedState();
    // Most answers (to coalesced reports) repeat the confirmed state: nothing to write then.
    if (state.version > confirmed.version || (state.version === confirmed.version && JSON.stringify(state) !== JSON.stringify(confirmed))) {
      this.kv.put("state", state);
      if (state.agent && state.agent.id !== this.reopenHistory().lastAgent?.id) {
        this.kv.put("reopen_history", { ...this.reopenHistory(), lastAgent: state.agent } satisfies ReopenHistory);
      }
    }
  }

  /**
   * Records that the room was told, with a system line, about the change of `version`; false when
   * it already was (or about a newer one), so each change is announced once.
   */
  noteVersion(version: number): boolean {
    if (version <= (this.kv.get<number>("noted_version") ?? 0)) return false;
    this.kv.put("noted_version", version);
    return true;
  }

  /** Who last handled the conversation and whether a human was ever asked for (for reopening). */
  reopenHistory(): ReopenHistory {
    return this.kv.get<ReopenHistory>("reopen_history") ?? { lastAgent: null, escalated: false };
  }

  noteEscalated(): void {
    const history = this.reopenHistory();
    if (!history.escalated) this.kv.put("reopen_history", { ...history, escalated: true } satisfies ReopenHistory);
  }

  private assumption(): Assumption | undefined {
    return this.kv.get<Assumption>("assumed");
  }

  readCursors(): ReadCursors {
    return this.kv.get<ReadCursors>("read") ?? { user: 0, agent: 0 };
  }

  /** Moves one side's cursor forward only; returns whether it moved. */
  advanceReadCursor(side: keyof ReadCursors, seq: number): boolean {
    const cursors = this.readCursors();
    if (seq <= cursors[side]) return false;
    this.kv.put("read", { ...cursors, [side]: seq });
    return true;
  }

  /**
   * Where the lobby's copy stands (SPEC §2: it keeps one, brought up to date in coalesced
   * reports): the highest seq reported, moved before a report is sent so two reports never carry
   * one message and moved back if it fails, and when the last report went (ms), which paces the
   * next. One key, so a report costs one storage write for both.
   */
  reportCursor(): ReportCursor {
    return this.kv.get<ReportCursor>(REPORT_CURSOR) ?? { seq: this.kv.get<number>("reported_seq") ?? 0, at: this.kv.get<number>("last_report_at") ?? 0 };
  }

  reportedSeq(): number {
    return this.reportCursor().seq;
  }

  lastReportAt(): number {
    return this.reportCursor().at;
  }

  /** Moves the lobby's cursor: the fields given, the others kept. */
  setReportCursor(change: Partial<ReportCursor>): void {
    // An object from before D1 had a cursor of its own: D1's starts where the lobby's was.
    if (this.kv.get(INDEX_CURSOR) === undefined) this.kv.put(INDEX_CURSOR, this.indexCursor());
    this.kv.put(REPORT_CURSOR, { ...this.reportCursor(), ...change } satisfies ReportCursor);
  }

  /**
   * Where D1's index row stands (SPEC §2), moved like the lobby's cursor: the highest seq it has
   * been sent, the confirmed state's version it was last sent (a newer one is due there at
   * once), when it was last written (ms, which paces the next write) and when messages not yet
   * in it are to be written (ms; null with none planned), and after a failed write when the
   * next may go (ms, `retryAt`). Objects from before the cursor was one key read it from the keys
   * it was kept in; those from before D1 had a seq of its own take the lobby's, and those from
   * before the version was kept write theirs once more, which D1's row takes as a repeat.
   */
  indexCursor(): IndexCursor {
    return (
      this.kv.get<IndexCursor>(INDEX_CURSOR) ?? {
        seq: this.kv.get<number>("indexed_seq") ?? this.reportedSeq(),
        version: this.kv.get<number>("indexed_version") ?? 0,
        at: this.kv.get<number>("last_index_at") ?? 0,
        dueAt: this.kv.get<number>("index_due_at") ?? null,
      }
    );
  }

  indexedSeq(): number {
    return this.indexCursor().seq;
  }

  indexedVersion(): number {
    return this.indexCursor().version;
  }

  indexDueAt(): number | null {
    return this.indexCursor().dueAt;
  }

  lastIndexAt(): number {
    return this.indexCursor().at;
  }

  indexRetryAt(): number | null {
    return this.indexCursor().retryAt ?? null;
  }

  /** Moves D1's cursor: the fields given, the others kept; nothing is written when nothing changes. */
  setIndexCursor(change: Partial<IndexCursor>): void {
    const current = this.indexCursor();
    const next: IndexCursor = { ...current, ...change };
    const same = (Object.keys(next) as (keyof IndexCursor)[]).every((field) => next[field] === current[field]);
    if (!same || this.kv.get(INDEX_CURSOR) === undefined) this.kv.put(INDEX_CURSOR, next);
  }

  /**
   * Whether the lobby lists this session: from the report of its first visitor message or
   * escalation until it is closed. An unlisted session's first such turn reports at once.
   */
  listed(): boolean {
    return this.kv.get<boolean>("listed") === true && this.state().status !== "closed";
  }

  setListed(listed: boolean): void {
    this.kv.put("listed", listed);
  }

  // Read only by the idle sweep: straight from storage, no copy to keep.
  lastActivityAt(): number | undefined {
    return this.storage.get<number>("last_activity_at");
  }

  /**
   * Notes activity at `now` (ms). Within `ACTIVITY_STEP_MS` of this instance's last note it is
   * not written again: a busy conversation pays no storage write per message for a time the idle
   * sweep (SPEC §4.8, hours) reads to the second, and at worst closes it a second early.
   */
  touch(now: number): void {
    if (this.touchedAt !== undefined && now - this.touchedAt < ACTIVITY_STEP_MS) return;
    this.storage.put("last_activity_at", now);
    this.touchedAt = now;
  }

  /** What the conversation's fact row in D1 holds (SPEC §11), so reports write only changes. */
  factsWritten(): FactsWritten {
    return this.kv.get<FactsWritten>("facts_written") ?? NO_FACTS;
  }

  setFactsWritten(facts: FactsWritten): void {
    this.kv.put("facts_written", facts);
  }

  /**
   * Escalations (SPEC §11) whose D1 write failed, oldest first, sent again with the next batch;
   * at most `UNSENT_ESCALATIONS_MAX`: the oldest, whose time the report facts take, and the newest.
   */
  unsentEscalations(): Escalation[] {
    return this.kv.get<Escalation[]>("unsent_escalations") ?? [];
  }

  setUnsentEscalations(escalations: readonly Escalation[]): void {
    const [oldest, ...later] = escalations;
    if (oldest) this.kv.put("unsent_escalations", [oldest, ...later.slice(Math.max(0, later.length - (UNSENT_ESCALATIONS_MAX - 1)))]);
    else if (this.kv.get("unsent_escalations") !== undefined) this.kv.delete("unsent_escalations");
  }

  /** Messages counted for the report buckets and not yet in D1 (SPEC §2: no write per message). */
  pendingCounts(): PendingCounts | null {
    return this.kv.get<PendingCounts>("pending_counts") ?? null;
  }

  setPendingCounts(counts: PendingCounts | null): void {
    if (counts) this.kv.put("pending_counts", counts);
    else this.kv.delete("pending_counts");
  }

  /** The closed state's version the visitor rated: one rating per closing (SPEC §11). */
  ratedVersion(): number | null {
    return this.kv.get<number>("rated_version") ?? null;
  }

  setRatedVersion(version: number): void {
    this.kv.put("rated_version", version);
  }
}
