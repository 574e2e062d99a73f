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
] as const satisfies ReadonlyArray<keyof AgentLobby>;

export type ChatSessionStub = RpcFacade<ChatSession, (typeof CHAT_SESSION_RPC)[number]>;
export type AgentLobbyStub = RpcFacade<AgentLobby, (typeof AGENT_LOBBY_RPC)[number]>;

/** How the worker and the objects find each other: by conversation id and by workspace id. */
export function chatSessionOf(env: Env, conversationId: string): ChatSessionStub {
  return env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(conversationId)) as unknown as ChatSessionStub;
}

export function lobbyOf(env: Env, workspaceId: string): AgentLobbyStub {
  return env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(workspaceId)) as unknown as AgentLobbyStub;
}
