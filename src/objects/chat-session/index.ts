import { chatLimits } from "../../config";
import type { Principal } from "../../env";
import { logEvent } from "../../lib/log";
import type { Result } from "../../lib/result";
import {
  CLOSE_CODES,
  CLOSE_REASONS,
  SOCKET_PROTOCOL,
  type Escalation,
  type Message,
  type Metadata,
  type Rating,
  type RatingBody,
  type ServerFrameOf,
  type SignedOutReason,
  type UnreadReplies,
} from "../../protocol";
import { UPGRADE_CONTEXT_HEADER, type AuthSessionRef, type ChatUpgradeContext, type ConversationRef, type StateChange } from "../contracts";
import { countConstruction } from "../constructions";
import { countConnect } from "../../reports/connects";
import { PersonBudget } from "../person-budget";
import { HibernatingObject } from "../hibernating-object";
import { SweepPlan } from "../sweep-plan";
import { refuseUpgrade } from "../sockets";
import { SessionActions, type PostInput } from "./actions";
import { handleFrame } from "./frames";
import { MemberCursors } from "./membership";
import { MessageLog, type MessagePage } from "./message-log";
import { rateConversation } from "./rating";
import { Room } from "./room";
import { SessionStore } from "./session-store";
import type { TeamChange } from "./team-changes";
import { TeamRoom } from "./team-room";
import { SessionViews } from "./views";

/**
 * One conversation: its hibernatable sockets and its message log. The worker authenticates and
 * authorizes; this object trusts what the worker tells it and checks every frame.
 */
export class ChatSession extends HibernatingObject {
  private readonly store: SessionStore;
  private readonly room: Room;
  private readonly log: MessageLog;
  private readonly team: TeamRoom;
  private readonly actions: SessionActions;
  private readonly views: SessionViews;
  private readonly budget: PersonBudget;
  private readonly limits = chatLimits(this.env);
  /**
   * The tail of the actions under way. Frames and REST actions run one at a time, in the order
   * they arrived, even when one waits on D1 or the lobby: a FAQ click followed by a message is
   * stored in that order. Only in memory, and rightly so: the object is never evicted while an
   * action is running, and an idle object has nothing queued.
   */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    countConstruction("ChatSession");
    this.store = new SessionStore(ctx.storage.kv);
    this.room = new Room(ctx);
    const log = new MessageLog(ctx.storage, () => this.store.ref()?.id ?? "");
    const cursors = new MemberCursors(ctx.storage.kv);
    this.log = log;
    this.team = new TeamRoom({ env, log, store: this.store, room: this.room, cursors });
    this.budget = new PersonBudget(ctx.storage.kv, { burst: this.limits.rateBurst, perSecond: this.limits.ratePerSecond });
    this.actions = new SessionActions({
      env,
      alarms: this.alarms,
      log,
      store: this.store,
      room: this.room,
      budget: this.budget,
      limits: this.limits,
      team: this.team,
      sweeps: new SweepPlan(ctx.storage.kv, this.limits.sweepMs),
    });
    this.views = new SessionViews({ log, store: this.store, room: this.room, limits: this.limits, cursors });
  }

  /**
   * The socket upgrade, forwarded by the worker once it has authorized the caller. Over a socket
   * cap (SPEC §10) the new socket is closed at once with 4029 `too_many_sockets`; from a person
   * cooling down from a flood, HTTP 429 `rate_limited` (`refuseUpgrade`).
   */
  override async fetch(request: Request): Promise<Response> {
    const header = request.headers.get(UPGRADE_CONTEXT_HEADER);
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket" || !header) {
      return new Response("Expected a WebSocket upgrade from the worker", { status: 426 });
    }
    const context = JSON.parse(header) as ChatUpgradeContext;
    this.store.rememberRef(context.ref);
    const protocolHeader = { "Sec-WebSocket-Protocol": SOCKET_PROTOCOL };
    const caps = { perPerson: this.limits.maxSocketsPerPerson, total: this.limits.maxSocketsPerConversation };
    const refused = refuseUpgrade(this.room, this.budget, { personId: context.principal.personId, auth: context.auth, caps }, protocolHeader);
    if (refused) {
      logEvent("socket_refused", { conversation_id: context.ref.id, role: context.principal.type, reason: refused.reason });
      return refused.response;
    }
    const { 0: client, 1: server } = new WebSocketPair();
    const now = Date.now();
    this.room.enter(server, { principal: context.principal, connectedAt: now, lastSeenAt: now, auth: context.auth });
    this.room.send(server, this.views.hello(context.afterSeq, context.principal));
    this.room.announcePresence(server);
    if (context.principal.type === "visitor") this.ctx.waitUntil(countConnect(this.env, context.ref, "opened"));
    await this.actions.scheduleAlarm({ authExpiry: context.auth?.expiresAt ?? null });
    logEvent("socket_open", { conversation_id: context.ref.id, role: context.principal.type });
    return new Response(null, { status: 101, webSocket: client, headers: protocolHeader });
  }

  protected override async onFrame(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const context = { actions: this.actions, views: this.views, room: this.room, budget: this.budget, limits: this.limits };
    await this.inOrder(() => handleFrame(context, ws, data));
  }

  protected override frameFailed(ws: WebSocket): void {
    this.room.send(ws, { type: "error", code: "internal", message: "The server could not handle that frame" });
  }

  protected override onLeave(ws: WebSocket): void {
    this.room.announcePresence(ws, { leaving: true });
  }

  protected override async onAlarm(): Promise<void> {
    await this.actions.onAlarm();
  }

  // RPC from the worker's REST routes. Every call carries the conversation's description, and
  // every action by a person spends their message budget here, as a socket frame does.

  async post(ref: ConversationRef, principal: Principal, input: PostInput): Promise<Result<{ message: Message; created: boolean }>> {
    return this.inOrder(async () => {
      this.store.rememberRef(ref);
      const budget = this.actions.spend(principal);
      return budget.ok ? this.actions.postMessage(principal, input) : budget;
    });
  }

  async history(
    ref: ConversationRef,
    principal: Principal,
    query: { limit?: number | undefined; before?: number | undefined; after?: number | undefined },
  ): Promise<Result<MessagePage>> {
    this.store.rememberRef(ref);
    const budget = this.actions.spend(principal, "reads");
    return budget.ok ? { ok: true, value: this.views.history(query, principal) } : budget;
  }

  async escalate(
    ref: ConversationRef,
    principal: Principal,
    input: { reason: string; metadata?: Metadata | undefined },
  ): Promise<Result<Escalation>> {
    return this.inOrder(async () => {
      this.store.rememberRef(ref);
      const budget = this.actions.spend(principal);
      return budget.ok ? this.actions.escalate(input.reason, input.metadata) : budget;
    });
  }

  async clickFaq(
    ref: ConversationRef,
    principal: Principal,
    input: { faqId: string; clientMsgId?: string | undefined },
  ): Promise<Result<Message>> {
    return this.inOrder(async () => {
      this.store.rememberRef(ref);
      const budget = this.actions.spend(principal);
      return budget.ok ? this.actions.clickFaq(principal, input.faqId, input.clientMsgId) : budget;
    });
  }

  async markRead(ref: ConversationRef, principal: Principal, seq: number): Promise<Result<null>> {
    return this.inOrder(async () => {
      this.store.rememberRef(ref);
      const budget = this.actions.spend(principal);
      if (budget.ok) await this.actions.markRead(principal, seq);
      return budget;
    });
  }

  /** The visitor's satisfaction rating, once per closing (SPEC §11); the budget pays as for a message. */
  async rate(ref: ConversationRef, principal: Principal, input: RatingBody): Promise<Result<Rating>> {
    return this.inOrder(async () => {
      this.store.rememberRef(ref);
      const budget = this.actions.spend(principal);
      if (!budget.ok) return budget;
      const rated = await rateConversation({ env: this.env, store: this.store, log: this.log, room: this.room }, input, Date.now());
      await this.actions.scheduleAlarm();
      return rated;
    });
  }

  /** `/health`'s Durable Object round trip (SPEC §11): answers from memory, touching no storage. */
  async ping(): Promise<"ok"> {
    return "ok";
  }

  /**
   * What session init shows in the bubble before any socket: the visitor's unread replies. No
   * budget: init is limited per IP in the worker, and this only reads.
   */
  async unreadReplies(ref: ConversationRef): Promise<UnreadReplies> {
    this.store.rememberRef(ref);
    return this.views.unreadReplies();
  }

  /** What a polling client needs: the same frame a socket gets on connect. Reads pay their own budget. */
  async poll(ref: ConversationRef, principal: Principal, afterSeq: number | null): Promise<Result<ServerFrameOf<"hello">>> {
    this.store.rememberRef(ref);
    const budget = this.actions.spend(principal, "reads");
    return budget.ok ? { ok: true, value: this.views.hello(afterSeq, principal) } : budget;
  }

  // RPC from the workspace's AgentLobby, on a dashboard's behalf: the agent's budget pays too.

  /**
   * Not queued: the lobby may call this while an action here waits on the lobby, and the lobby
   * has decided already, so the room only learns of it.
   */
  async applyChange(change: StateChange): Promise<Message[]> {
    return this.actions.applyChange(change);
  }

  async postAsAgent(
    principal: Principal,
    input: { content: string; clientMsgId?: string | undefined },
  ): Promise<Result<{ message: Message; created: boolean }>> {
    return this.inOrder(async () => {
      const budget = this.actions.spend(principal);
      return budget.ok ? this.actions.postMessage(principal, input) : budget;
    });
  }

  async agentRead(principal: Principal, seq: number): Promise<Result<null>> {
    return this.inOrder(async () => {
      const budget = this.actions.spend(principal);
      if (budget.ok) await this.actions.markRead(principal, seq, { fromLobby: true });
      return budget;
    });
  }

  async agentTyping(principal: Principal, isTyping: boolean): Promise<Result<null>> {
    return this.inOrder(async () => {
      const budget = this.actions.spend(principal);
      if (budget.ok) await this.actions.typing(principal, isTyping);
      return budget;
    });
  }

  /** Runs `action` after every action that arrived before it has finished (see `queue`). */
  private inOrder<T>(action: () => Promise<T>): Promise<T> {
    const run = this.queue.then(action);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // RPC from the worker's team routes (SPEC §4.10, §5) and its Cron purge (SPEC §11).

  /** Hides the chat for one member (soft-delete); returns the seq it is hidden through. */
  async hide(ref: ConversationRef, principal: Principal): Promise<number> {
    return this.inOrder(async () => {
      this.store.rememberRef(ref);
      return this.team.hide(principal, Date.now());
    });
  }

  /** Group changes made in D1, with `ref` already showing them: system lines, sockets, lists. */
  async teamChange(ref: ConversationRef, changes: TeamChange[], removed: string[]): Promise<void> {
    return this.inOrder(async () => {
      this.store.rememberRef(ref);
      await this.team.change(changes, removed, Date.now());
      await this.actions.scheduleAlarm();
    });
  }

  /**
   * Deletes the chat's storage for the purge, unless a message came after `throughSeq` (the
   * lowest seq its members hid it at; null for a deleted group, which goes whatever it holds).
   * Chat ids are never reused, so nothing asks this object again once D1's row is gone.
   */
  async purge(throughSeq: number | null): Promise<boolean> {
    return this.inOrder(async () => {
      if (throughSeq !== null && this.log.lastSeq() > throughSeq) return false;
      for (const ws of this.room.sockets()) this.room.close(ws, CLOSE_CODES.notMember, CLOSE_REASONS.chatDeleted);
      // Through the plan, whose memory of the alarm would otherwise outlive it.
      await this.alarms.plan([], true);
      await this.ctx.storage.deleteAll();
      // The log's copies in memory would otherwise outlive the table for this instance's last requests.
      this.log.forget();
      return true;
    });
  }

  /** From the lobby's inactivity sweep: closes the session if it has been silent too long. */
  async closeIfIdle(): Promise<{ closed: boolean; lastActivityAt: number | null }> {
    return this.inOrder(() => this.actions.closeIfIdle(Date.now()));
  }

  // RPC from the worker when an agent's sign-in ends (SPEC §5): logout, deactivation, password change.

  /** Closes the sockets opened with one sign-in, and refuses any still on their way; returns how many it closed. */
  async endAuthSession(signIn: AuthSessionRef, reason: SignedOutReason): Promise<number> {
    const closed = this.room.endAuthSession(signIn, reason);
    if (closed > 0) this.room.announcePresence();
    return closed;
  }
}
