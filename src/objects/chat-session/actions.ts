import type { Principal } from "../../env";
import type { ChatLimits } from "../../config";
import { database } from "../../db/client";
import { findFaq, findSite } from "../../db/queries/sites";
import { logEvent } from "../../lib/log";
import { fail, ok, type Result } from "../../lib/result";
import { iso } from "../../lib/time";
import { checkText, CLOSE_CODES, CLOSE_REASONS, isBlank, SYSTEM_EVENTS, type Escalation, type Message, type Metadata } from "../../protocol";
import type { ConversationRef, ConversationState, StateChange, StateRequest } from "../contracts";
import type { BudgetKind, PersonBudget } from "../person-budget";
import type { AlarmPlan } from "../alarm-plan";
import type { SweepPlan } from "../sweep-plan";
import { decide } from "../agent-lobby/transitions";
import { lobbyOf } from "../stubs";
import { botReplyDraft, replyLocale, understand } from "./bot";
import { botInputsOf } from "./bot/bot-inputs";
import type { MessageDraft, MessageLog } from "./message-log";
import type { Room } from "./room";
import { senderOf, sideOf, systemDraft } from "./senders";
import type { SessionStore } from "./session-store";
import { ActivityReports } from "./reports";
import { Turn } from "./turn";
import { claimForAgent, joinsFirst, reopenForVisitor, type JoiningDeps } from "./joining";
import { describeChange } from "./state-messages";
import type { TeamRoom } from "./team-room";

export interface SessionDeps {
  team: TeamRoom;
  env: Env;
  alarms: AlarmPlan;
  log: MessageLog;
  store: SessionStore;
  room: Room;
  budget: PersonBudget;
  limits: ChatLimits;
  sweeps: SweepPlan;
}

/**
 * Every how many stored messages one is logged (seq 1, 1001, …): a sample, since state changes,
 * connections and errors are always logged. One in 1,000, not 100: under `wrangler dev` each log
 * line costs about 3.7 ms of the dev server's CPU (wrangler's node 2.5, its proxy 1.1, the worker
 * 0.1, measured over 1,000 lines of a bare worker), which at one in 100 was 37 µs per message,
 * about what a Durable Object broadcast of the message costs there (README, Performance).
 */
export const MESSAGE_LOG_EVERY = 1_000;

/** Why a session escalated when the visitor asked for a human in words; the widget's button says the same. */
const ASKED_FOR_HUMAN = "The visitor asked for a human";

export const RATE_LIMITED_MESSAGE = "Too many messages; slow down";

/** What a refused message is told, by the problem `checkText` found; `max` is in code points. */
const TEXT_PROBLEMS = {
  empty: () => "The message is empty",
  too_long: (max: number) => `Messages are limited to ${max} characters`,
  invalid_text: () => "The message is not well-formed text (it has a broken character)",
} as const;

/**
 * A message to post. `escalation`: the message asks for a human by itself (the away form, SPEC
 * §12), so the bot does not answer it and the conversation waits for an agent in the same turn.
 */
export interface PostInput {
  content: string;
  clientMsgId?: string | undefined;
  metadata?: Metadata | undefined;
  escalation?: { reason: string; metadata: Metadata } | undefined;
}

/**
 * Everything a conversation can be asked to do, whether the ask came over its sockets, over REST
 * through the worker, or from the lobby. It keeps nothing in memory; the bot's copy of D1 is the
 * isolate's (`botInputsOf`).
 */
export class SessionActions {
  private readonly reports: ActivityReports;
  private readonly joining: JoiningDeps;

  constructor(private readonly deps: SessionDeps) {
    this.joining = { env: deps.env, store: deps.store, adopt: (state) => this.adopt(state) };
    this.reports = new ActivityReports({
      env: deps.env,
      windows: deps.limits,
      log: deps.log,
      store: deps.store,
      adopt: (state, turnId) => this.adopt(state, turnId),
      syncTeam: () => deps.team.sync("all"),
    });
  }

  ref(): ConversationRef {
    return this.deps.store.conversation();
  }

  /**
   * Spends one token of a person's budget in this conversation (SPEC §10): every frame a socket
   * sends and every REST or dashboard action pays from "sends", REST reads from "reads",
   * whichever of their sockets or tabs it came from. Refused with 429 `rate_limited` when spent.
   */
  spend(principal: Principal, kind: BudgetKind = "sends", now = Date.now()): Result<null> {
    return this.deps.budget.spend(principal.personId, now, kind) === "allowed" ? ok(null) : fail(429, "rate_limited", RATE_LIMITED_MESSAGE);
  }

  async postMessage(principal: Principal, input: PostInput): Promise<Result<{ message: Message; created: boolean }>> {
    const max = this.deps.limits.maxMessageLength;
    const checked = checkText(input.content, max);
    if (!checked.ok) return fail(400, checked.problem, TEXT_PROBLEMS[checked.problem](max));
    const content = checked.text;

    // A repeat is found by the insert itself, unless a decision or an escalation would come first.
    if (input.clientMsgId && (input.escalation || joinsFirst(this.deps.store, principal))) {
      const stored = this.deps.log.find(principal.id, input.clientMsgId);
      if (stored) return ok({ message: stored, created: false });
    }
    const joined = principal.type === "agent" ? await claimForAgent(this.joining, principal) : await reopenForVisitor(this.joining);
    if (!joined.ok) return joined;

    const turn = new Turn(Date.now());
    if (joined.value) this.append(turn, joined.value(turn.at));
    // Asked first, so the away form's message is the latest line (the inbox's preview).
    if (input.escalation) this.escalation(turn, input.escalation.reason, input.escalation.metadata);
    const { message, created } = this.append(turn, {
      ...senderOf(principal),
      content,
      clientMsgId: input.clientMsgId,
      metadata: input.metadata,
      at: turn.at,
    });
    if (!created) return ok({ message, created });
    if (!input.escalation && principal.type === "visitor") await this.answerVisitor(turn, content);
    await this.commit(turn);
    return ok({ message, created });
  }

  /** A FAQ button: the question as the visitor's message, the answer from the bot. */
  async clickFaq(principal: Principal, faqId: string, clientMsgId?: string): Promise<Result<Message>> {
    const ref = this.ref();
    const db = database(this.deps.env.DB);
    const [faq, site] = ref.siteId ? await Promise.all([findFaq(db, ref.siteId, faqId), findSite(db, ref.siteId)]) : [];
    if (!faq) return fail(404, "not_found", "There is no such FAQ on this site");
    const repeated = clientMsgId ? this.deps.log.find(principal.id, clientMsgId) : null;
    if (repeated) return ok(repeated);
    const reopened = await reopenForVisitor(this.joining);
    if (!reopened.ok) return reopened;
    const turn = new Turn(Date.now());
    if (reopened.value) this.append(turn, reopened.value(turn.at));
    const question = this.append(turn, {
      ...senderOf(principal),
      content: faq.question,
      clientMsgId,
      metadata: { faq_id: faq.id },
      at: turn.at,
    });
    if (!question.created) return ok(question.message);
    this.append(turn, botReplyDraft({ kind: "answer", faq }, replyLocale(site?.locale, faq.question), turn.at));
    this.request(turn, { type: "visitor_message" });
    await this.commit(turn);
    return ok(question.message);
  }

  /**
   * The visitor asks for a human. Into a closed conversation this reopens it first, by the same
   * rule as a message (its last agent when available), then asks.
   */
  async escalate(reason: string | undefined, metadata: Metadata | undefined): Promise<Result<Escalation>> {
    const reopened = await reopenForVisitor(this.joining);
    if (!reopened.ok) return reopened;
    const turn = new Turn(Date.now());
    if (reopened.value) this.append(turn, reopened.value(turn.at));
    const asked = reason === undefined || isBlank(reason) ? "Visitor asked for a human" : reason.trim();
    const escalation = this.escalation(turn, asked, metadata ?? {});
    await this.commit(turn);
    return ok(escalation);
  }

  /**
   * Moves a read cursor and tells the room (read receipts). An agent's read also lowers their
   * unread count in the lobby, unless the lobby itself is the one asking. Team chats keep one
   * cursor per member (SPEC §4.10).
   */
  async markRead(principal: Principal, seq: number, options: { fromLobby?: boolean } = {}): Promise<void> {
    const { store, log, room, env } = this.deps;
    const target = Math.min(seq, log.lastSeq());
    const ref = this.ref();
    if (ref.kind !== "support") return this.deps.team.read(principal, target);
    const side = sideOf(principal);
    if (store.advanceReadCursor(side, target)) room.broadcast({ type: "read", sender_type: side, seq: target });
    if (principal.type === "agent" && ref.kind === "support" && !options.fromLobby) {
      await lobbyOf(env, ref.workspaceId).agentRead(principal.id, ref.id, target);
    }
  }

  /** Typing goes to the others in the room; a visitor's also to the dashboards' list. */
  async typing(principal: Principal, isTyping: boolean): Promise<void> {
    this.deps.room.broadcastExceptPerson(
      { type: "typing", sender_type: sideOf(principal), sender_name: principal.name, is_typing: isTyping },
      principal.id,
    );
    const ref = this.ref();
    if (principal.type === "visitor" && ref.kind === "support") {
      await lobbyOf(this.deps.env, ref.workspaceId).visitorTyping(ref.id, isTyping);
    }
  }

  /**
   * The lobby changed this session's state for an agent: adopt it and tell the room. The state
   * may have arrived already, in the answer to a report that overtook this call; the system line
   * is still written once per change, judged by the version it was last written for. Returns
   * every message not yet reported, the line included, for the lobby to record. A deleted site's
   * visitors are let go once they have read why: their sockets are all that could still write.
   */
  async applyChange(change: StateChange): Promise<Message[]> {
    const { store, room } = this.deps;
    this.adopt(change.state);
    if (store.noteVersion(change.state.version)) {
      const note = describeChange(change.request);
      const at = Date.now();
      if (note) this.append(new Turn(at), systemDraft(note.event, note.content, at, note.metadata));
    }
    if (change.request.type === "site_deleted" && room.endVisitors(CLOSE_CODES.siteDeleted, CLOSE_REASONS.siteDeleted) > 0) {
      room.announcePresence();
    }
    const handed = await this.reports.handOver();
    // A D1 write that failed is given back to the alarm: a session without sockets may have none yet.
    await this.scheduleAlarm();
    return handed;
  }

  /**
   * Alarm work: sweep silent and signed-out sockets when the sweep is due, send a due report,
   * plan the next alarm.
   */
  async onAlarm(): Promise<void> {
    const { room, limits, sweeps } = this.deps;
    const now = Date.now();
    if (sweeps.sweepIfDue(now, room, limits.connectionTimeoutMs).length > 0) room.announcePresence();
    await this.reports.reportIfDue(now);
    await this.scheduleAlarm({ replace: true });
  }

  /**
   * The lobby's inactivity sweep and the Cron's ask (SPEC §4.8, §11): a support session silent for
   * `CHAT_SESSION_TIMEOUT_MINUTES` is closed now, with a system message; one that is not yet
   * says when it last showed life, for the lobby's next look. `closed` only once the lobby
   * confirmed the close.
   */
  async closeIfIdle(now: number): Promise<{ closed: boolean; lastActivityAt: number | null }> {
    const { store, limits } = this.deps;
    const lastActivityAt = store.lastActivityAt() ?? null;
    const ref = store.ref();
    if (!ref || ref.kind !== "support") return { closed: true, lastActivityAt };
    const closed = () => store.confirmedState().status === "closed";
    // Asked while closed: a copy missed the close. D1's row is the sweeps' source, so it hears
    // again. Closed by a timeout the lobby never confirmed (its report failed): the lobby is asked
    // again. Either may give a failed D1 write back to the alarm, which a closed session may lack.
    if (closed() || store.state().status === "closed") {
      await (closed() ? this.reports.restate() : this.reports.report({ request: { type: "timeout" } }));
      await this.scheduleAlarm();
    } else if (lastActivityAt === null || now - lastActivityAt >= limits.sessionTimeoutMs) {
      const turn = new Turn(now);
      this.append(turn, systemDraft(SYSTEM_EVENTS.closed, "The conversation was closed after a period of inactivity", now, { reason: "timeout" }));
      this.request(turn, { type: "timeout" });
      await this.commit(turn);
      return { closed: closed(), lastActivityAt: now };
    }
    return { closed: closed(), lastActivityAt };
  }

  /**
   * The object's one alarm, only while there is something to wake for: a report that is due,
   * and the sweep while sockets are open (see `SweepPlan`), brought forward to
   * `authExpiry` (ms), when a socket's agent sign-in ends. An idle conversation without sockets
   * sleeps: the lobby's sweep closes it when it times out. `replace` drops a pending alarm (from
   * the alarm itself).
   */
  async scheduleAlarm(options: { replace?: boolean; authExpiry?: number | null } = {}): Promise<void> {
    const { alarms, room, sweeps } = this.deps;
    const now = Date.now();
    const sweep = sweeps.plan(now, room, options.authExpiry);
    await alarms.plan([this.reports.due(now), sweep], options.replace);
  }

  private append(turn: Turn, draft: MessageDraft): { message: Message; created: boolean } {
    const result = this.deps.log.append(draft);
    if (result.created) {
      if (result.message.seq % MESSAGE_LOG_EVERY === 1) {
        logEvent("message", { conversation_id: result.message.conversation_id, seq: result.message.seq, sender_type: result.message.sender_type, sampled_every: MESSAGE_LOG_EVERY });
      }
      turn.messages.push(result.message);
      this.deps.room.broadcast({ type: "message", message: result.message });
    }
    return result;
  }

  /**
   * The bot's part of a visitor message (SPEC §4.4). While no human is involved (`bot`, which is
   * also where a reopened conversation that never had one goes), the bot answers from a FAQ,
   * replies to a greeting or thanks, or offers a human when nothing fits, in the site's locale,
   * and the session stays with it. Asking for a human in words escalates, and so does every
   * message to a site without the bot.
   */
  private async answerVisitor(turn: Turn, content: string): Promise<void> {
    const ref = this.ref();
    this.request(turn, { type: "visitor_message" });
    if (!this.botHandles()) return;
    if (!ref.botEnabled || !ref.siteId) {
      this.escalation(turn, "New conversation", { source: "bot" });
      return;
    }
    const { faqs, site } = await botInputsOf(this.deps.env).of(ref.siteId, ref.createdAt);
    // An agent may have taken the conversation from a dashboard while the FAQs loaded.
    if (!this.botHandles()) return;
    const verdict = understand(content, faqs);
    if (verdict.kind === "human") this.escalation(turn, ASKED_FOR_HUMAN, { source: "bot" });
    else this.append(turn, botReplyDraft(verdict, replyLocale(site?.locale, content), Date.now()));
  }

  /** True while no human is wanted or involved: the bot answers. */
  private botHandles(): boolean {
    const status = this.deps.store.state().status;
    return status === "bot";
  }

  /**
   * Puts a request on the turn and assumes its likely outcome at once, so concurrent turns do not
   * escalate or reopen a second time while the lobby decides.
   */
  private request(turn: Turn, request: StateRequest): void {
    const { store, room } = this.deps;
    turn.request = request;
    const current = store.state();
    const next = decide(current, request, { botEnabled: this.ref().botEnabled, now: turn.at });
    if (!next.ok || next.value === current) return;
    turn.changesState = true;
    store.assume({ ...next.value, version: current.version }, turn.id);
    if (next.value.status !== current.status) room.broadcast({ type: "status", status: next.value.status, agent: next.value.agent });
  }

  private escalation(turn: Turn, reason: string, metadata: Metadata): Escalation {
    const escalation: Escalation = {
      id: crypto.randomUUID(),
      conversation_id: this.ref().id,
      reason,
      metadata,
      created_at: iso(turn.at),
    };
    const status = this.deps.store.state().status;
    if (status === "bot" || status === "closed") {
      this.append(turn, systemDraft(SYSTEM_EVENTS.escalated, "A human agent has been asked to join", turn.at, { reason }));
    }
    this.deps.store.noteEscalated();
    turn.escalation = escalation;
    this.request(turn, { type: "escalate", reason });
    this.deps.room.broadcast({ type: "escalated", escalation });
    return escalation;
  }

  /**
   * Ends a turn. What changes the state reaches the lobby and D1 at once: an escalation, a
   * request the lobby must decide, the first visitor message of an unlisted session. Anything
   * else waits for the coalesced report, so a message's round trip holds no global work.
   */
  private async commit(turn: Turn): Promise<void> {
    const { store } = this.deps;
    store.touch(turn.at);
    const now = turn.escalation !== null || turn.changesState || (turn.visitorWrote && !store.listed());
    if (now) await this.reports.report({ escalation: turn.escalation, request: turn.request, id: turn.id });
    await this.scheduleAlarm();
  }

  /** Settles on the lobby's answer and tells the room when what it shows changed. */
  private adopt(state: ConversationState, turnId?: string): void {
    const { store, room } = this.deps;
    const previous = store.state();
    store.settle(state, turnId);
    const current = store.state();
    if (previous.status !== current.status || previous.agent?.id !== current.agent?.id) {
      room.broadcast({ type: "status", status: current.status, agent: current.agent });
    }
  }
}
