import { currentRequestId } from "../lib/log";
import type { AgentLobby } from "./agent-lobby";
import type { ChatSession } from "./chat-session";

/**
 * The RPC surface of each object as the callers see it. The runtime's generated stub types cannot
 * follow recursive JSON (message metadata), so callers get the methods' own signatures instead.
 */
type RpcFacade<T, K extends keyof T> = Pick<T, K> & { fetch(request: Request): Promise<Response> };

/** The methods a ChatSession serves over RPC (besides `fetch`, the socket upgrade). */
export const CHAT_SESSION_RPC = [
  "post",
  "history",
  "escalate",
  "clickFaq",
  "markRead",
  "poll",
  "unreadReplies",
  "applyChange",
  "postAsAgent",
  "agentRead",
  "agentTyping",
  "closeIfIdle",
  "endAuthSession",
  "hide",
  "teamChange",
  "purge",
  "rate",
  "ping",
] as const satisfies ReadonlyArray<keyof ChatSession>;

/** The methods an AgentLobby serves over RPC (besides `fetch`, the dashboard upgrade). */
export const AGENT_LOBBY_RPC = [
  "report",
  "claim",
  "reopen",
  "agentRead",
  "visitorTyping",
  "stoppedCustomers",
  "endAuthSession",
  "agentChanged",
  "disconnectAgent",
  "closeSite",
  "deliverTeam",
  "writeIndex",
] as const satisfies ReadonlyArray<keyof AgentLobby>;

export type ChatSessionStub = RpcFacade<ChatSession, (typeof CHAT_SESSION_RPC)[number]>;
export type AgentLobbyStub = RpcFacade<AgentLobby, (typeof AGENT_LOBBY_RPC)[number]>;

/** Every method either object serves over RPC: what `traced` may run. */
export const RPC_METHODS: ReadonlySet<string> = new Set([...CHAT_SESSION_RPC, ...AGENT_LOBBY_RPC]);

/** The object's side of `withRequest`: runs one RPC method under the caller's request id. */
export interface TracedRpc {
  traced(requestId: string, method: string, args: unknown[]): Promise<unknown>;
}

/**
 * The stub as callers use it, with each RPC call made through `traced` when the caller works for a
 * request, so the object's log lines carry that request's id (SPEC §11). Outside a request (alarms,
 * socket events) calls go straight through.
 */
function withRequest<T extends object>(stub: T & TracedRpc): T {
  return new Proxy(stub, {
    get(target, name) {
      const requestId = currentRequestId();
      if (typeof name === "string" && RPC_METHODS.has(name) && requestId !== undefined) {
        return (...args: unknown[]) => target.traced(requestId, name, args);
      }
      // The runtime's stub methods need the stub itself as `this`. Not `value.bind`: on a stub,
      // a property of a method is itself a remote call.
      const value: unknown = Reflect.get(target, name);
      return typeof value === "function" ? (...args: unknown[]) => Reflect.apply(value, target, args) : value;
    },
  });
}

/** How the worker and the objects find each other: by conversation id and by workspace id. */
export function chatSessionOf(env: Env, conversationId: string): ChatSessionStub {
  return withRequest(env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(conversationId)) as unknown as ChatSessionStub & TracedRpc);
}

export function lobbyOf(env: Env, workspaceId: string): AgentLobbyStub {
  return withRequest(env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(workspaceId)) as unknown as AgentLobbyStub & TracedRpc);
}
