import type { ChatLimits } from "../../config";
import { database, type Database } from "../../db/client";
import { refusedByD1 } from "../../db/d1-errors";
import { bound, type Statement } from "../../db/statements";
import { activityOf, recordActivity, type ConversationActivity } from "../../db/queries/conversations";
import { insertEscalation } from "../../db/queries/escalations";
import { addToBucket, recordFacts } from "../../db/queries/report-facts";
import { logEvent } from "../../lib/log";
import type { Escalation, Message } from "../../protocol";
import type { ConversationState, StateRequest } from "../contracts";
import { lobbyOf } from "../stubs";
import { countMessages, factChangeOf, flushDue, incrementOf, type FactsWritten, type PendingCounts } from "./facts";
import { RECENT_MAX, type MessageLog } from "./message-log";
import { offsetInWindowMs, reportGatherMs } from "./report-windows";
import type { IndexCursor, SessionStore } from "./session-store";

/**
 * What a batch for D1 claimed: D1's cursor (seq, state version) and the fact row before it, the
 * escalations it carries, and the cursor it left.
 */
interface IndexClaim {
  seq: number;
  version: number;
  facts: FactsWritten;
  escalations: Escalation[];
  after: IndexCursor;
}

/**
 * Most messages one report carries, a longer backlog going in the next ones: as many as the log
 * keeps in memory, so a claim is cut from there and reads no row.
 */
const REPORT_MAX = RECENT_MAX;

export interface ReportDeps {
  env: Env;
  /** The lobby's and D1's windows (ms, `chatLimits`). */
  windows: Pick<ChatLimits, "reportWindowMs" | "indexWindowMs">;
  log: MessageLog;
  store: SessionStore;
  /** Takes the lobby's answer as the session's state, telling the room what changed. */
  adopt: (state: ConversationState, turnId?: string) => void;
  /** A team chat's members' unread counts and lists, brought up to date after D1 has the messages. */
  syncTeam: () => Promise<void>;
}

/**
 * How a conversation keeps its copies up to date (SPEC §2 cost rule). A message is durable once
 * the log holds it and is delivered from the room; the lobby and D1 hear of it in reports, each
 * copy by a cursor of its own. A state change (the first visitor message, an escalation, a
 * timeout) reaches both at once with whatever is pending, and so does any newer state the session
 * adopts from the lobby (D1 from the next alarm, at once). Plain messages wait: the lobby's live
 * list hears of them a gather after the first (`reportGatherMs`, under a quarter window) when the
 * conversation was quiet for a window, and at most one window after its last report otherwise;
 * D1's index, which no one watches live, at most one window after its last write and at the
 * conversation's own offset in the window (`offsetInWindowMs`), handed to the workspace's lobby,
 * which sends it in its next batch with the other conversations' writes (the flush window later
 * at most); when a report is due within a report window of that write, the report carries it.
 * A team chat has no lobby: its report is its index write.
 */
export class ActivityReports {
  /** This conversation's gather (ms, `reportGatherMs`): a hash of its id, so worked out once per instance. */
  private gatherMs: number | undefined;

  constructor(private readonly deps: ReportDeps) {}

  /**
   * When a coalesced report is due (ms), or when counted messages must reach their report bucket
   * (the bucket's end, SPEC §11); null with nothing pending.
   */
  due(now: number): number | null {
    const times = [flushDue(this.deps.store.pendingCounts()), this.reportDue(), this.planIndex(now)].filter((time) => time !== null);
    return times.length === 0 ? null : Math.min(...times);
  }

  /**
   * When the lobby is next due to hear of unreported messages (ms): a gather after the first of
   * them was stored (`reportGatherMs`), and never sooner than a window after the last report.
   * Anchored on that stored message, so the messages after it do not push the report back. Read
   * from the log's memory; from its table (one row by seq) only while a woken instance or a failed
   * report has unreported messages the memory no longer holds.
   */
  private reportDue(): number | null {
    const { log, store, windows } = this.deps;
    if (log.lastSeq() <= store.reportedSeq()) return null;
    const first = log.after(store.reportedSeq(), 1).messages[0];
    if (!first) return null;
    this.gatherMs ??= reportGatherMs(store.conversation().id, windows.reportWindowMs);
    const gathered = Date.parse(first.timestamp) + this.gatherMs;
    return Math.max(gathered, store.lastReportAt() + windows.reportWindowMs);
  }

  /**
   * When a support conversation's D1 index row is to be written: now for a change D1 has not been
   * sent (a confirmed state, an escalation), but no sooner than a window after a failed try; for
   * messages it has not been sent, planned (and kept) when the first of them is seen, so later
   * messages do not push it back. Null with nothing to write.
   */
  private planIndex(now: number): number | null {
    const { log, store } = this.deps;
    const ref = store.conversation();
    if (ref.kind !== "support") return null;
    const planned = store.indexDueAt();
    if (this.changeUnindexed()) {
      const due = Math.max(now, store.indexRetryAt() ?? now);
      if (planned === null || planned > due) {
        store.setIndexCursor({ dueAt: due });
        return due;
      }
      return planned;
    }
    if (planned !== null || log.lastSeq() <= store.indexedSeq()) return planned;
    const { indexWindowMs } = this.deps.windows;
    const due = Math.max(store.lastIndexAt() + indexWindowMs, now + offsetInWindowMs(ref.id, indexWindowMs));
    store.setIndexCursor({ dueAt: due });
    return due;
  }

  /**
   * True when the lobby confirmed a state D1's index has not been sent, or D1 has not had an
   * escalation (its write failed): a change, which goes to D1 directly, not in the lobby's batch.
   */
  private changeUnindexed(): boolean {
    const { store } = this.deps;
    return store.confirmedState().version > store.indexedVersion() || store.unsentEscalations().length > 0;
  }

  /**
   * Reports now: every message not yet reported, with a turn's escalation and state request, to
   * the lobby (support sessions); with an escalation or request (a state change), and always for
   * a team chat, D1's index too, in one batch. Returns the lobby's state, adopted before D1
   * records it, or null when the lobby was not asked or could not be reached.
   */
  async report(
    turn: { escalation?: Escalation | null; request?: StateRequest | null; id?: string } = {},
    withIndex = false,
  ): Promise<ConversationState | null> {
    const { env, store } = this.deps;
    const ref = store.conversation();
    const messages = this.take();
    const escalation = turn.escalation ?? null;
    const request = turn.request ?? null;
    let answer: ConversationState | null = null;
    if (ref.kind === "support" && (messages.length > 0 || escalation || request)) {
      // Built before anything is awaited, so the index row and the report hold the same log.
      const batch = withIndex ? this.indexBatch(null) : null;
      try {
        const report = { ref, state: store.confirmedState(), messages, escalation, request };
        answer = await lobbyOf(env, ref.workspaceId).report(batch ? { ...report, index: batch.statements } : report);
        this.deps.adopt(answer, turn.id);
        if (escalation || messages.some((message) => message.sender_type === "user")) store.setListed(true);
      } catch (error) {
        logEvent("error", { where: "lobby.report", conversation_id: ref.id, error: String(error) });
        this.giveBack(messages);
        if (batch) this.giveBackIndex(batch.claim);
      }
    }
    if (escalation || request || ref.kind !== "support") await this.writeIndex(escalation);
    return answer;
  }

  /**
   * The coalesced report and D1 write, each when due at `now`. When one is due and the other is
   * due within a report window, both go now in one lobby call (the report carries the write), so
   * a busy conversation makes one lobby call per report window, not one more per index window.
   */
  async reportIfDue(now: number): Promise<void> {
    const { store, windows } = this.deps;
    // A plain write goes through the lobby's workspace batch; a newer state is sent to D1 at once.
    const viaLobby = !this.changeUnindexed();
    const report = this.reportDue();
    const planned = this.planIndex(now);
    const soon = now + windows.reportWindowMs;
    const rides = viaLobby && planned !== null && planned <= soon;
    if (report !== null && (report <= now || (rides && planned <= now && report <= soon))) await this.report({}, rides);
    const index = this.planIndex(now);
    // Judged again: the report's answer may be a newer state, which goes to D1 at once.
    if (index !== null && index <= now) await this.writeIndex(null, { viaLobby: !this.changeUnindexed() });
    else if ((flushDue(store.pendingCounts()) ?? Infinity) <= now) await this.writeIndex(null, { countsOnly: true, viaLobby: true });
  }

  /**
   * For the lobby, which asks while telling the room of its own decision: the pending messages,
   * handed over in its answer instead of a report of their own, and recorded in D1 at once.
   */
  async handOver(): Promise<Message[]> {
    const messages = this.take();
    await this.writeIndex(null);
    return messages;
  }

  /** Writes D1's index row again from the confirmed state, for a row that missed a report. */
  async restate(): Promise<void> {
    await this.writeIndex(null);
  }

  /** Claims the messages the lobby has not heard of, moving its cursor before anything is awaited. */
  private take(): Message[] {
    const { log, store } = this.deps;
    const messages = log.after(store.reportedSeq(), REPORT_MAX).messages;
    const last = messages.at(-1);
    store.setReportCursor(last ? { seq: last.seq, at: Date.now() } : { at: Date.now() });
    this.releaseClaimed();
    return messages;
  }

  /** The log's memory lets go of what both copies have claimed (`MessageLog.release`). */
  private releaseClaimed(): void {
    const { log, store } = this.deps;
    log.release(Math.min(store.reportedSeq(), store.indexedSeq()));
  }

  /** Puts claimed messages back for the next report, unless a later report moved on already. */
  private giveBack(messages: Message[]): void {
    const { store } = this.deps;
    const first = messages[0];
    const last = messages.at(-1);
    if (first && last && store.reportedSeq() === last.seq) store.setReportCursor({ seq: first.seq - 1 });
  }

  /** Claims the messages D1's index has not been sent, as `take` does for the lobby. */
  private takeForIndex(): Message[] {
    const { log, store } = this.deps;
    const messages = log.after(store.indexedSeq(), REPORT_MAX).messages;
    const last = messages.at(-1);
    const claimed = { version: store.confirmedState().version, at: Date.now(), dueAt: null, retryAt: null };
    store.setIndexCursor(last ? { ...claimed, seq: last.seq } : claimed);
    this.releaseClaimed();
    return messages;
  }

  /**
   * D1's one batch: the index row with every message it has not been sent, the escalation when
   * there is one, the fact row when the state moved it, and the message counts whose bucket is
   * done (SPEC §2, §11); then a team chat's members' counts. `countsOnly` (an ended bucket,
   * nothing else due) leaves the index row alone. `viaLobby` (a support session's coalesced
   * write) hands the batch to the workspace's lobby, which sends it with the others' in one D1
   * call (`IndexWrites`); otherwise it goes to D1 now.
   */
  private async writeIndex(escalation: Escalation | null, options: { countsOnly?: boolean; viaLobby?: boolean } = {}): Promise<void> {
    const { env, store } = this.deps;
    const ref = store.conversation();
    const batch = this.indexBatch(escalation, options.countsOnly);
    if (!batch) return;
    // Only a support session has a lobby to batch for.
    const viaLobby = options.viaLobby === true && ref.kind === "support";
    try {
      if (viaLobby) await lobbyOf(env, ref.workspaceId).writeIndex(ref.id, batch.statements);
      else await env.DB.batch(bound(env.DB, batch.statements));
    } catch (error) {
      // Refused by D1 itself, the batch would be refused again at every try: it is lost, as the
      // lobby's batches lose a refused write, with this line. Anything else may land later.
      const refused = !viaLobby && refusedByD1(error);
      logEvent("error", { where: viaLobby ? "lobby.writeIndex" : "d1.recordActivity", conversation_id: ref.id, refused, error: String(error) });
      if (!refused) this.giveBackIndex(batch.claim);
    }
    if (ref.kind !== "support" && batch.messages.length > 0) await this.deps.syncTeam();
  }

  /**
   * The statements of D1's one batch (see `writeIndex`) and the messages they index, with the
   * index cursor and the counts moved on as if sent; null with nothing to write. `countsOnly`
   * leaves the index row alone.
   */
  private indexBatch(escalation: Escalation | null, countsOnly = false): { statements: Statement[]; messages: Message[]; claim: IndexClaim } | null {
    const { env, store } = this.deps;
    const ref = store.conversation();
    const before = { seq: store.indexedSeq(), version: store.indexedVersion(), facts: store.factsWritten() };
    const escalations = countsOnly ? [] : [...store.unsentEscalations(), ...(escalation ? [escalation] : [])];
    const messages = countsOnly ? [] : this.takeForIndex();
    if (escalations.length > 0) store.setUnsentEscalations([]);
    const db = database(env.DB);
    const statements = [
      ...(countsOnly ? [] : [recordActivity(db, ref.id, this.activity(messages))]),
      ...this.figures(db, messages, escalations[0] ?? null, Date.now()),
      ...escalations.map((each) => insertEscalation(db, ref.workspaceId, each).toSQL()),
    ];
    const claim = { ...before, escalations, after: store.indexCursor() };
    return statements.length > 0 ? { statements, messages, claim } : null;
  }

  /**
   * Puts a batch's claim back after its write failed (D1 or the lobby not reached, D1's answer
   * lost, SQLite busy). Its escalations are kept for the next batch (their rows are inserted once,
   * by id, however often sent). Unless a later batch claimed since (then only the report facts
   * this one was first to set go back, see `figures`), D1's cursor goes back to its seq and state
   * version, so the messages and the state are sent again, a window after the failed try (so a
   * D1 outage costs one try per window, not a loop of alarms; a new change of the session's own
   * still tries at once); the fact row, an upsert, is sent again. Message counts are not: an
   * increment that may have landed before the answer was lost would count twice, so a failure
   * may lose one.
   */
  private giveBackIndex(claim: IndexClaim): void {
    const { store, windows } = this.deps;
    if (claim.escalations.length > 0) store.setUnsentEscalations([...claim.escalations, ...store.unsentEscalations()]);
    const now = store.indexCursor();
    if (now.seq !== claim.after.seq || now.at !== claim.after.at || now.version !== claim.after.version) {
      // A later batch was built on this one's facts: the firsts this one set are marked unsent
      // again, for the next batch to send (D1 keeps a first it already has).
      const facts = store.factsWritten();
      store.setFactsWritten({
        ...facts,
        startedAt: claim.facts.startedAt === null ? null : facts.startedAt,
        escalatedAt: claim.facts.escalatedAt === null ? null : facts.escalatedAt,
        firstHumanReplyAt: claim.facts.firstHumanReplyAt === null ? null : facts.firstHumanReplyAt,
      });
      return;
    }
    store.setIndexCursor({ seq: claim.seq, version: claim.version, dueAt: null, retryAt: claim.after.at + windows.indexWindowMs });
    store.setFactsWritten(claim.facts);
  }

  /**
   * What the index row hears from `messages`. A batch of system lines only (a close, a join) still
   * carries the newest written message as the preview: it moves `last_seq` on, and a write with
   * that message still on its way (in the lobby's batch) would then no longer be newer.
   */
  private activity(messages: Message[]): ConversationActivity {
    const { log, store } = this.deps;
    const activity = activityOf(messages, store.confirmedState(), Date.now());
    return activity.preview === null && messages.length > 0 ? { ...activity, preview: log.newestWritten() } : activity;
  }

  /**
   * The report-figure statements of a batch (support sessions only): the fact row when this report
   * changes it, and the counted messages once their bucket ended, another began, or the state
   * changed. Storage moves on before the batch is sent, so a concurrent report never counts twice.
   */
  private figures(db: Database, messages: Message[], escalation: Escalation | null, now: number): Statement[] {
    const { store } = this.deps;
    const ref = store.conversation();
    if (ref.kind !== "support") return [];
    const state = store.confirmedState();
    const facts = factChangeOf(ref, store.factsWritten(), { messages, escalation, state, lastAgentId: store.reopenHistory().lastAgent?.id ?? null });
    const counted = countMessages(store.pendingCounts(), messages, state.agent?.id ?? "", facts !== null);
    let pending: PendingCounts | null = counted.pending;
    const due = flushDue(pending);
    if (pending && due !== null && now >= due) {
      counted.flush.push(pending);
      pending = null;
    }
    store.setPendingCounts(pending);
    if (facts) store.setFactsWritten(facts.next);
    const increments = counted.flush.map((counts) => incrementOf(ref, counts)).filter((add) => add !== null);
    return [...(facts ? [recordFacts(db, facts.change).toSQL()] : []), ...increments.map((add) => addToBucket(db, add))];
  }
}
