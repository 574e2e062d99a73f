import { DurableObject } from "cloudflare:workers";
import { chatLimits } from "../../config";
import type { Principal } from "../../env";
import { logEvent } from "../../lib/log";
import { fullBucket, takeToken } from "../../lib/rate-bucket";
import { fail, ok, type Result } from "../../lib/result";
import { PING, PONG, SOCKET_PROTOCOL, type Escalation, type Message, type Metadata, type ServerFrameOf } from "../../protocol";
import { UPGRADE_CONTEXT_HEADER, type ChatUpgradeContext, type ConversationRef, type StateChange } from "../contracts";
import { answerClose } from "../sockets";
import { SessionActions } from "./actions";
import { handleFrame } from "./frames";
import { MessageLog, type MessagePage } from "./message-log";
import { Room } from "./room";
import { SessionStore } from "./session-store";

/**
 * One conversation: its hibernatable sockets and its message log. The worker authenticates and
 * authorizes; this object trusts what the worker tells it and checks every frame.
 */
export class ChatSession extends DurableObject<Env> {
  private readonly store: SessionStore;
  private readonly room: Room;
  private readonly actions: SessionActions;
  private readonly limits = chatLimits(this.env);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new SessionStore(ctx.storage.kv);
    this.room = new Room(ctx);
    const log = new MessageLog(ctx.storage.sql, () => this.store.ref()?.id ?? "");
    this.actions = new SessionActions({ env, storage: ctx.storage, log, store: this.store, room: this.room, limits: this.limits });
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** The socket upgrade, forwarded by the worker once it has authorized the caller. */
  override async fetch(request: Request): Promise<Response> {
    const header = request.headers.get(UPGRADE_CONTEXT_HEADER);
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket" || !header) {
      return new Response("Expected a WebSocket upgrade from the worker", { status: 426 });
    }
    const context = JSON.parse(header) as ChatUpgradeContext;
    this.store.rememberRef(context.ref);
    const { 0: client, 1: server } = new WebSocketPair();
    const now = Date.now();
    this.room.join(server, {
      principal: context.principal,
      connectedAt: now,
      lastSeenAt: now,
      bucket: fullBucket({ burst: this.limits.rateBurst, perSecond: this.limits.ratePerSecond }, now),
    });
    this.room.send(server, this.actions.hello(context.afterSeq));
    this.room.broadcast({ type: "presence", online: this.room.online() }, server);
    await this.actions.scheduleAlarm();
    logEvent("socket_open", { conversation_id: context.ref.id, role: context.principal.type });
    return new Response(null, { status: 101, webSocket: client, headers: { "Sec-WebSocket-Protocol": SOCKET_PROTOCOL } });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    try {
      await handleFrame(this.actions, this.room, this.limits, ws, data);
    } catch (error) {
      logEvent("error", { where: "webSocketMessage", error: String(error) });
      this.room.send(ws, { type: "error", code: "internal", message: "The server could not handle that frame" });
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    answerClose(ws, code, reason);
    this.room.broadcast({ type: "presence", online: this.room.online(ws) }, ws);
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    logEvent("socket_error", { error: String(error) });
    this.room.broadcast({ type: "presence", online: this.room.online(ws) }, ws);
  }

  override async alarm(): Promise<void> {
    await this.actions.onAlarm();
  }

  // RPC from the worker's REST routes. Every call carries the conversation's description.

  async post(
    ref: ConversationRef,
    principal: Principal,
    input: { content: string; clientMsgId?: string | undefined; metadata?: Metadata | undefined },
  ): Promise<Result<{ message: Message; created: boolean }>> {
    this.store.rememberRef(ref);
    return this.spendRestToken(principal) ?? this.actions.postMessage(principal, input);
  }

  async history(
    ref: ConversationRef,
    query: { limit?: number | undefined; before?: number | undefined; after?: number | undefined },
  ): Promise<MessagePage> {
    this.store.rememberRef(ref);
    return this.actions.history(query);
  }

  async escalate(
    ref: ConversationRef,
    principal: Principal,
    input: { reason: string; metadata?: Metadata | undefined },
  ): Promise<Result<Escalation>> {
    this.store.rememberRef(ref);
    return this.spendRestToken(principal) ?? ok(await this.actions.escalate(input.reason, input.metadata));
  }

  async clickFaq(
    ref: ConversationRef,
    principal: Principal,
    input: { faqId: string; clientMsgId?: string | undefined },
  ): Promise<Result<Message>> {
    this.store.rememberRef(ref);
    return this.spendRestToken(principal) ?? this.actions.clickFaq(principal, input.faqId, input.clientMsgId);
  }

  async markRead(ref: ConversationRef, principal: Principal, seq: number): Promise<void> {
    this.store.rememberRef(ref);
    await this.actions.markRead(principal, seq);
  }

  /** What a polling client needs: the same frame a socket gets on connect. */
  async poll(ref: ConversationRef, afterSeq: number | null): Promise<ServerFrameOf<"hello">> {
    this.store.rememberRef(ref);
    return this.actions.hello(afterSeq);
  }

  // RPC from the workspace's AgentLobby.

  async applyChange(change: StateChange): Promise<Message | null> {
    return this.actions.applyChange(change);
  }

  async postAsAgent(
    principal: Principal,
    input: { content: string; clientMsgId?: string | undefined },
  ): Promise<Result<{ message: Message; created: boolean }>> {
    return this.actions.postMessage(principal, input);
  }

  async agentRead(principal: Principal, seq: number): Promise<void> {
    await this.actions.markRead(principal, seq, { fromLobby: true });
  }

  async agentTyping(principal: Principal, isTyping: boolean): Promise<void> {
    await this.actions.typing(principal, isTyping);
  }

  // RPC from the worker when an agent is deactivated.

  async disconnect(principalId: string): Promise<void> {
    for (const ws of this.ctx.getWebSockets(`p:${principalId}`)) answerClose(ws, 4001, "Account deactivated");
  }

  /** REST callers share the socket limits, with their bucket kept in storage per person. */
  private spendRestToken(principal: Principal): Result<never> | null {
    const limits = { burst: this.limits.rateBurst, perSecond: this.limits.ratePerSecond };
    const now = Date.now();
    const spent = takeToken(this.store.bucket(principal.id) ?? fullBucket(limits, now), limits, now);
    this.store.saveBucket(principal.id, spent.bucket);
    return spent.allowed ? null : fail(429, "rate_limited", "Too many requests; slow down");
  }
}
