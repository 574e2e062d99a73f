import { computed, signal } from "@preact/signals";
import type { AgentPresence } from "@parley/protocol";

/** The workspace's active agents and who has a dashboard open, online first. */
export const team = signal<AgentPresence[]>([]);

const byPresenceThenName = (a: AgentPresence, b: AgentPresence) =>
  Number(b.online) - Number(a.online) || a.name.localeCompare(b.name);

export function setTeam(agents: AgentPresence[]): void {
  team.value = [...agents].sort(byPresenceThenName);
}

export function updatePresence(agent: AgentPresence): void {
  const others = team.value.filter((member) => member.id !== agent.id);
  team.value = [...others, agent].sort(byPresenceThenName);
}

export const onlineCount = computed(() => team.value.filter((agent) => agent.online).length);
