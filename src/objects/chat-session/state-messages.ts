import type { Metadata } from "../../protocol";
import type { ConversationState, StateRequest } from "../contracts";

/** The system message that tells a room what an agent did; `event` lets clients translate it. */
export function describeChange(
  request: StateRequest,
  previous: ConversationState,
): { event: string; content: string; metadata: Metadata } | null {
  switch (request.type) {
    case "assign":
      return {
        event: "agent_joined",
        content: `${request.agent.name} joined the conversation`,
        metadata: { agent_name: request.agent.name },
      };
    case "unassign":
      return {
        event: "agent_left",
        content: `${request.agent.name} left the conversation`,
        metadata: { agent_name: request.agent.name },
      };
    case "transfer":
      return {
        event: "agent_joined",
        content: `${request.to.name} joined the conversation`,
        metadata: { agent_name: request.to.name, from: previous.agent?.name ?? null },
      };
    case "close":
      return {
        event: "closed",
        content: `${request.by.name} closed the conversation`,
        metadata: { agent_name: request.by.name, reason: "agent" },
      };
    default:
      return null;
  }
}
