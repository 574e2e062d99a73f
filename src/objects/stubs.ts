import type { AgentLobby } from "./agent-lobby";
import type { ChatSession } from "./chat-session";

/**
 * The RPC surface of each object as the callers see it. The runtime's generated stub types cannot
 * follow recursive JSON (message metadata), so callers get the methods' own signatures instead.
 */
type RpcFacade<T, K extends keyof T> = Pick<T, K> & { fetch(request: Request): Promise<Response> };

export type ChatSessionStub = RpcFacade<ChatSession,   | "post"
  | "history"
  | "escalate"
  | "clickFaq"
  | "markRead"
  | "poll"
  | "applyChange"
  | "postAsAgent"
  | "agentRead"
  | "agentTyping"
  | "endAuthSession">;
export type AgentLobbyStub = RpcFacade<
  AgentLobby,
  "report" | "claim" | "reopen" | "agentRead" | "visitorTyping" | "stoppedCustomers" | "endAuthSession" | "disconnectAgent"
>;

/** How the worker and the objects find each other: by conversation id and by workspace id. */
export function chatSessionOf(env: Env, conversationId: string): ChatSessionStub {
  return env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(conversationId)) as unknown as ChatSessionStub;
}

export function lobbyOf(env: Env, workspaceId: string): AgentLobbyStub {
  return env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(workspaceId)) as unknown as AgentLobbyStub;
}
