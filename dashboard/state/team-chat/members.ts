import type { TeamChat, TeamMember } from "@parley/protocol";
import { presenceOf, team, type Presence } from "../team";

/** The teammate on the other end of a direct chat. */
export function directPartner(chat: TeamChat, meId: string): TeamMember | null {
  return chat.kind === "direct" ? (chat.members.find((member) => member.id !== meId) ?? null) : null;
}

/** A colleague's status as the inbox shows it (the lobby's presence); unknown counts as offline. */
export function presenceOfAgent(agentId: string): Presence {
  const agent = team.value.find((member) => member.id === agentId);
  return agent ? presenceOf(agent) : "offline";
}

export const PRESENCE_WORDS: Record<Presence, string> = { online: "Online", away: "Away", offline: "Offline" };

/** Whether the agent may rename, add, remove and delete: a group's admins only. */
export function isGroupAdmin(chat: TeamChat, meId: string): boolean {
  return chat.kind === "group" && chat.members.some((member) => member.id === meId && member.role === "admin");
}
