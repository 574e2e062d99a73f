import { signal } from "@preact/signals";
import type { AgentPresence } from "@parley/protocol";

/** How a colleague shows: with a dashboard open and taking customers, set away, or gone. */
export type Presence = "online" | "away" | "offline";

export function presenceOf(agent: Pick<AgentPresence, "online" | "away">): Presence {
  if (!agent.online) return "offline";
  return agent.away ? "away" : "online";
}

const RANK: Record<Presence, number> = { online: 0, away: 1, offline: 2 };

/** The workspace's active agents and who has a dashboard open: online first, then away. */
export const team = signal<AgentPresence[]>([]);

const byPresenceThenName = (a: AgentPresence, b: AgentPresence) =>
  RANK[presenceOf(a)] - RANK[presenceOf(b)] || a.name.localeCompare(b.name);

export function setTeam(agents: AgentPresence[]): void {
  team.value = [...agents].sort(byPresenceThenName);
}

export function updatePresence(agent: AgentPresence): void {
  const others = team.value.filter((member) => member.id !== agent.id);
  team.value = [...others, agent].sort(byPresenceThenName);
}
