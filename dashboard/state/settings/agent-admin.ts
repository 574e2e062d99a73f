import { signal } from "@preact/signals";
import type { AgentPublic, CreateAgentResponse, Invite, Role } from "@parley/protocol";
import { requestJson } from "../../lib/http";

/** The workspace's agents (SPEC §5), for the admin's Agents view; null while loading. */
export const teamAgents = signal<AgentPublic[] | null>(null);
export const teamAgentsFailed = signal<string | null>(null);

/** The one-time links made in the Agents view, by agent id: shown until the admin leaves it. */
export const inviteLinks = signal<Record<string, Invite>>({});

export function forgetInviteLinks(): void {
  inviteLinks.value = {};
}

export async function loadTeamAgents(): Promise<void> {
  try {
    teamAgents.value = (await requestJson<{ agents: AgentPublic[] }>("/api/agents")).agents;
    teamAgentsFailed.value = null;
  } catch (error) {
    teamAgentsFailed.value = error instanceof Error ? error.message : "The team could not be loaded.";
  }
}

function keep(agent: AgentPublic): void {
  const list = teamAgents.peek() ?? [];
  teamAgents.value = list.some((other) => other.id === agent.id) ? list.map((other) => (other.id === agent.id ? agent : other)) : [...list, agent];
}

function rememberInvite(agentId: string, invite: Invite): void {
  inviteLinks.value = { ...inviteLinks.peek(), [agentId]: invite };
}

/** Creates an agent without a password: the answer carries their one-time sign-in link. */
export async function inviteAgent(body: { name: string; email: string; role: Role }): Promise<CreateAgentResponse> {
  const created = await requestJson<CreateAgentResponse>("/api/agents", { method: "POST", body });
  const { invite, ...agent } = created;
  keep(agent);
  if (invite) rememberInvite(agent.id, invite);
  return created;
}

/** A new one-time link for a first sign-in or a forgotten password; their older links stop working. */
export async function newInviteLink(agentId: string): Promise<Invite> {
  const invite = await requestJson<Invite>(`/api/agents/${agentId}/invite`, { method: "POST" });
  rememberInvite(agentId, invite);
  return invite;
}

export async function updateAgent(agentId: string, changes: { role?: Role; active?: boolean }): Promise<AgentPublic> {
  const agent = await requestJson<AgentPublic>(`/api/agents/${agentId}`, { method: "PATCH", body: changes });
  keep(agent);
  if (changes.active === false) {
    // A deactivated agent's unused links stop working on the server.
    const { [agentId]: _gone, ...rest } = inviteLinks.peek();
    inviteLinks.value = rest;
  }
  return agent;
}
