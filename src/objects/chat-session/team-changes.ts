import { SYSTEM_EVENTS, type AgentRef, type Metadata } from "../../protocol";

/** A change the worker made to a group in D1, for the room to hear as a system line (SPEC §4.10). */
export type TeamChange =
  | { type: "created"; by: AgentRef; name: string }
  | { type: "renamed"; by: AgentRef; name: string }
  | { type: "added"; by: AgentRef; agent: AgentRef }
  | { type: "removed"; by: AgentRef; agent: AgentRef }
  | { type: "left"; agent: AgentRef }
  | { type: "admin"; agent: AgentRef }
  /** Gone for everyone: no line (nobody can read it), the members' sockets close. */
  | { type: "deleted"; by: AgentRef };

/** The system line of a change; `event` lets clients translate it, `content` is the English fallback. */
export function teamChangeLine(change: TeamChange): { event: string; content: string; metadata: Metadata } | null {
  switch (change.type) {
    case "created":
      return { event: SYSTEM_EVENTS.groupCreated, content: `${change.by.name} created the group ${change.name}`, metadata: { by_name: change.by.name, name: change.name } };
    case "renamed":
      return { event: SYSTEM_EVENTS.groupRenamed, content: `${change.by.name} renamed the group to ${change.name}`, metadata: { by_name: change.by.name, name: change.name } };
    case "added":
      return {
        event: SYSTEM_EVENTS.memberAdded,
        content: `${change.by.name} added ${change.agent.name}`,
        metadata: { agent_name: change.agent.name, by_name: change.by.name },
      };
    case "removed":
      return {
        event: SYSTEM_EVENTS.memberRemoved,
        content: `${change.by.name} removed ${change.agent.name}`,
        metadata: { agent_name: change.agent.name, by_name: change.by.name },
      };
    case "left":
      return { event: SYSTEM_EVENTS.memberLeft, content: `${change.agent.name} left the group`, metadata: { agent_name: change.agent.name } };
    case "admin":
      return { event: SYSTEM_EVENTS.adminChanged, content: `${change.agent.name} is now the group's admin`, metadata: { agent_name: change.agent.name } };
    case "deleted":
      return null;
  }
}
