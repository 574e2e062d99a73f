import type { Principal } from "../../env";
import type { ChatLimits } from "../../config";
import { database } from "../../db/client";
import { recordActivity } from "../../db/queries/conversations";
import { insertEscalation } from "../../db/queries/escalations";
import { findFaq, listFaqs } from "../../db/queries/sites";
import { logEvent } from "../../lib/log";
import { fail, ok, type Result } from "../../lib/result";
import { iso } from "../../lib/time";
import { checkText, isBlank, SYSTEM_EVENTS, type Escalation, type Message, type Metadata } from "../../protocol";
import type { ConversationRef, ConversationState, StateChange, StateRequest } from "../contracts";
import type { PersonBudget } from "../person-budget";
import { planAlarm } from "../sockets";
import { decide } from "../agent-lobby/transitions";
import { lobbyOf } from "../stubs";
import { matchFaq } from "./faq-matcher";
import type { MessageDraft, MessageLog } from "./message-log";
import type { Room } from "./room";
import { BOT_SENDER, senderOf, sideOf, systemDraft } from "./senders";
import type { SessionStore } from "./session-store";
import { Turn } from "./turn";
import { describeChange } from "./state-messages";

export interface SessionDeps {
  env: Env;
  storage: DurableObjectStorage;
  log: MessageLog;
  store: SessionStore;
  room: Room;
  budget: PersonBudget;
  limits: ChatLimits;
}

const TALK_TO_HUMAN = { type: "escalate", label: "Talk to a human" } as const;

export const RATE_LIMITED_MESSAGE = "Too many messages; slow down";

/** What a refused message is told, by the problem `checkText` found; `max` is in code points. */
const TEXT_PROBLEMS = {
  empty: () => "The message is empty",
  too_long: (max: number) => `Messages are limited to ${max} characters`,
  invalid_text: () => "The message is not well-formed text (it has a broken character)",
} as const;

/**
 * Everything a conversation can be asked to do, whether the ask came over its sockets, over REST
 * through the worker, or from the lobby. Holds no state of its own: it reads and writes storage.
 */
export class SessionActions {
  constructor(private readonly deps: SessionDeps) {}

  ref(): ConversationRef {
    return this.deps.store.conversation();
  }

  /**
   * Spends one token of a person's message budget in this conversation (SPEC §10): every frame a
   * socket sends and every REST or dashboard action pays, whichever of their sockets or tabs it
   * came from. Refused with 429 `rate_limited` when the budget is spent.
   */
  spend(principal: Principal, now = Date.now()): Result<null> {
    return this.deps.budget.spend(principal.personId, now) === "allowed" ? ok(null) : fail(429, "rate_limited", RATE_LIMITED_MESSAGE);
  }

  async postMessage(
    principal: Principal,
    input: { content: string; clientMsgId?: string | undefined; metadata?: Metadata | undefined },
  ): Promise<Result<{ message: Message; created: boolean }>> {
    const max = this.deps.limits.maxMessageLength;
    const checked = checkText(input.content, max);
    if (!checked.ok) return fail(400, checked.problem, TEXT_PROBLEMS[checked.problem](max));
    const content = checked.text;

    if (input.clientMsgId) {
      const stored = this.deps.log.find(principal.id, input.clientMsgId);
      if (stored) return ok({ message: stored, created: false });
    }
    const joined = principal.type === "agent" ? await this.claimForAgent(principal) : await this.reopenForVisitor();
    if (!joined.ok) return joined;

    const turn = new Turn(Date.now());
    if (joined.value) this.append(turn, joined.value(turn.at));
    const { message, created } = this.append(turn, {
      ...senderOf(principal),
      content,
      clientMsgId: input.clientMsgId,
      metadata: input.metadata,
      at: turn.at,
    });
    if (!created) return ok({ message, created });
    if (principal.type === "visitor") await this.answerVisitor(turn, content);
    await this.commit(turn);
    return ok({ message, created });
  }

  /** A FAQ button: the question as the visitor's message, the answer from the bot. */
  async clickFaq(principal: Principal, faqId: string, clientMsgId?: string): Promise<Result<Message>> {
    const ref = this.ref();
    const faq = ref.siteId ? await findFaq(database(this.deps.env.DB), ref.siteId, faqId) : undefined;
    if (!faq) return fail(404, "not_found", "There is no such FAQ on this site");
    const repeated = clientMsgId ? this.deps.log.find(principal.id, clientMsgId) : null;
    if (repeated) return ok(repeated);
    const reopened = await this.reopenForVisitor();
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
    this.append(turn, this.botAnswer(faq.id, faq.answer, turn.at));
    this.request(turn, { type: "visitor_message" });
    await this.commit(turn);
    return ok(question.message);
  }

  /**
   * The visitor asks for a human. Into a closed conversation this reopens it first, by the same
   * rule as a message (its last agent when available), then asks.
   */
  async escalate(reason: string | undefined, metadata: Metadata | undefined): Promise<Result<Escalation>> {
    const reopened = await this.reopenForVisitor();
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
   * unread count in the lobby, unless the lobby itself is the one asking.
   */
  async markRead(principal: Principal, seq: number, options: { fromLobby?: boolean } = {}): Promise<void> {
    const { store, log, room, env } = this.deps;
    const side = sideOf(principal);
    const target = Math.min(seq, log.lastSeq());
    if (store.advanceReadCursor(side, target)) room.broadcast({ type: "read", sender_type: side, seq: target });
    const ref = this.ref();
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
   * is still written once per change, judged by the version it was last written for.
   */
  async applyChange(change: StateChange): Promise<Message | null> {
    const { store } = this.deps;
    this.adopt(change.state);
    if (!store.noteVersion(change.state.version)) return null;
    const turn = new Turn(Date.now());
    const note = describeChange(change.request);
    const message = note ? this.append(turn, systemDraft(note.event, note.content, turn.at, note.metadata)).message : null;
    await this.writeIndex(turn, store.confirmedState());
    return message;
  }

  /** Alarm work: sweep silent and signed-out sockets, close an idle session, plan the next alarm. */
  async onAlarm(): Promise<void> {
    const { room, store, limits } = this.deps;
    const now = Date.now();
    const swept = room.sweep(now, limits.connectionTimeoutMs);
    if (swept.closed.length > 0) room.broadcast({ type: "presence", online: room.online() });
    const lastActivity = store.lastActivityAt();
    const ref = store.ref();
    const idle = lastActivity !== undefined && now - lastActivity >= limits.sessionTimeoutMs;
    if (ref?.kind === "support" && idle && store.state().status !== "closed") {
      const turn = new Turn(now);
      this.append(turn, systemDraft(SYSTEM_EVENTS.closed, "The conversation was closed after a period of inactivity", now, { reason: "timeout" }));
      this.request(turn, { type: "timeout" });
      await this.commit(turn);
    }
    await this.scheduleAlarm({ replace: true, authExpiry: swept.nextAuthExpiry });
  }

  /**
   * One alarm serves three clocks: the socket sweep every `CHAT_SWEEP_SECONDS` while sockets are
   * open, the end of the earliest agent sign-in among them, and the session's inactivity timeout
   * while it is open. `replace` drops a pending alarm (from the alarm itself).
   */
  async scheduleAlarm(options: { replace?: boolean; authExpiry?: number | null } = {}): Promise<void> {
    const { storage, store, room, limits } = this.deps;
    const now = Date.now();
    const lastActivity = store.lastActivityAt();
    const idleClose =
      store.ref()?.kind === "support" && store.state().status !== "closed" && lastActivity !== undefined
        ? Math.max(now, lastActivity + limits.sessionTimeoutMs)
        : null;
    const sweep = room.sockets().length > 0 ? now + limits.sweepMs : null;
    await planAlarm(storage, [sweep, options.authExpiry ?? null, idleClose], options.replace);
  }

  /**
   * An agent who writes in a support session takes it when free (SPEC §4.6); the lobby decides.
   * The result is the "joined" line to put before the agent's message, or null.
   */
  private async claimForAgent(principal: Principal): Promise<Result<((at: number) => MessageDraft) | null>> {
    const { env, store } = this.deps;
    const ref = this.ref();
    if (principal.type !== "agent" || ref.kind !== "support" || store.state().agent?.id === principal.id) return ok(null);
    const request = { type: "assign", agent: { id: principal.id, name: principal.name } } as const;
    const claimed = await lobbyOf(env, ref.workspaceId).claim({ ref, state: store.confirmedState() }, request.agent);
    if (!claimed.ok) return claimed;
    this.adopt(claimed.value.state);
    // Only the claim that changed the state says who joined; concurrent ones from the same agent do not.
    const note = claimed.value.changed && store.noteVersion(claimed.value.state.version) ? describeChange(request) : null;
    return ok(note ? (at) => systemDraft(note.event, note.content, at, note.metadata) : null);
  }

  /**
   * A visitor writing into a closed conversation reopens it before their message is stored: to
   * its last agent when that agent is available, else to the queue if a human was ever asked
   * for, else back to the bot. The lobby decides, since only it knows who is available; the
   * result is the system line to put before the message, or null when nothing reopened.
   */
  private async reopenForVisitor(): Promise<Result<((at: number) => MessageDraft) | null>> {
    const { env, store } = this.deps;
    const ref = this.ref();
    if (ref.kind !== "support" || store.state().status !== "closed") return ok(null);
    const answer = await lobbyOf(env, ref.workspaceId).reopen({ ref, state: store.confirmedState() }, store.reopenHistory());
    this.adopt(answer.state);
    if (!answer.reopened) return ok(null);
    const { status, agent } = answer.state;
    const metadata: Metadata = agent ? { status, agent_name: agent.name } : { status };
    const content = agent ? `The conversation was reopened and is back with ${agent.name}` : "The conversation was reopened";
    return ok((at) => systemDraft(SYSTEM_EVENTS.reopened, content, at, metadata));
  }

  private append(turn: Turn, draft: MessageDraft): { message: Message; created: boolean } {
    const result = this.deps.log.append(draft);
    if (result.created) {
      logEvent("message", { conversation_id: result.message.conversation_id, seq: result.message.seq, sender_type: result.message.sender_type });
      turn.messages.push(result.message);
      this.deps.room.broadcast({ type: "message", message: result.message });
    }
    return result;
  }

  /**
   * The bot's part of a visitor message. While no human is involved (`bot`, which is also where
   * a reopened conversation that never had one goes), an FAQ that covers the text is answered
   * with a "Talk to a human" choice; anything else, or a site without the bot, escalates.
   */
  private async answerVisitor(turn: Turn, content: string): Promise<void> {
    const ref = this.ref();
    this.request(turn, { type: "visitor_message" });
    if (!this.botHandles()) return;
    if (ref.botEnabled && ref.siteId) {
      const faqs = await listFaqs(database(this.deps.env.DB), ref.siteId);
      // An agent may have taken the conversation from a dashboard while the FAQs loaded.
      if (!this.botHandles()) return;
      const faq = matchFaq(content, faqs);
      if (faq) {
        this.append(turn, this.botAnswer(faq.id, faq.answer, Date.now()));
        return;
      }
    }
    this.escalation(turn, ref.botEnabled ? "The bot had no answer" : "New conversation", { source: "bot" });
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
    store.assume({ ...next.value, version: current.version }, turn.id);
    if (next.value.status !== current.status) room.broadcast({ type: "status", status: next.value.status, agent: next.value.agent });
  }

  private botAnswer(faqId: string, answer: string, at: number): MessageDraft {
    return { ...BOT_SENDER, content: answer, at, metadata: { faq_id: faqId, actions: [TALK_TO_HUMAN] } };
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

  /** Reports the turn to the lobby (support sessions), adopts its answer, writes the index row. */
  private async commit(turn: Turn): Promise<void> {
    const { env, store } = this.deps;
    const ref = this.ref();
    if (ref.kind === "support") {
      try {
        const state = await lobbyOf(env, ref.workspaceId).report({
          ref,
          state: store.confirmedState(),
          messages: turn.messages,
          escalation: turn.escalation,
          request: turn.request,
        });
        this.adopt(state, turn.id);
      } catch (error) {
        logEvent("error", { where: "lobby.report", conversation_id: ref.id, error: String(error) });
      }
    }
    store.touch(turn.at);
    await this.writeIndex(turn, store.confirmedState());
    await this.scheduleAlarm();
  }

  /** The turn's one D1 write (two statements in one batch when it carries an escalation). */
  private async writeIndex(turn: Turn, state: ConversationState): Promise<void> {
    const ref = this.ref();
    const db = database(this.deps.env.DB);
    const update = recordActivity(db, ref.id, {
      lastSeq: turn.messages.at(-1)?.seq ?? 0,
      preview: turn.messages.findLast((message) => message.sender_type !== "system") ?? null,
      visitorWrote: turn.visitorWrote,
      agentReplied: turn.agentReplied,
      state,
      at: turn.at,
    });
    try {
      if (turn.escalation) await db.batch([update, insertEscalation(db, ref.workspaceId, turn.escalation)]);
      else await update.run();
    } catch (error) {
      logEvent("error", { where: "d1.recordActivity", conversation_id: ref.id, error: String(error) });
    }
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
