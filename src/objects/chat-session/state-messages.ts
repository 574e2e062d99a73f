import { SYSTEM_EVENTS, type Metadata } from "../../protocol";
import type { StateRequest } from "../contracts";

/** The system message that tells a room what an agent did; `event` lets clients translate it. */
export function describeChange(request: StateRequest): { event: string; content: string; metadata: Metadata } | null {
  switch (request.type) {
    case "assign":
      return {
        event: SYSTEM_EVENTS.agentJoined,
        content: `${request.agent.name} joined the conversation`,
        metadata: { agent_name: request.agent.name },
      };
    case "unassign":
      return {
        event: SYSTEM_EVENTS.agentLeft,
        content: `${request.agent.name} left the conversation`,
        metadata: { agent_name: request.agent.name },
      };
    case "transfer":
      return {
        event: SYSTEM_EVENTS.agentJoined,
        content: `${request.to.name} joined the conversation`,
        metadata: { agent_name: request.to.name, from: request.from.name },
      };
    case "close":
      return {
        event: SYSTEM_EVENTS.closed,
        content: `${request.by.name} closed the conversation`,
        metadata: { agent_name: request.by.name, reason: "agent" },
      };
    case "site_deleted":
      return {
        event: SYSTEM_EVENTS.closed,
        content: "The conversation was closed because its website was removed",
        metadata: { reason: "site_deleted" },
      };
    default:
      return null;
  }
}
