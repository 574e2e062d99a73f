import type { TeamChat } from "@parley/protocol";
import { requestJson } from "../../lib/http";
import { dropTeamChat, upsertTeamChat } from "./chat-list";

/**
 * The team routes (SPEC §5) as the dashboard calls them. Each applies the server's answer to the
 * list at once; the lobby's frames say the same a moment later, and to the other members. A
 * refusal throws `HttpError` with the server's words ("No active teammate has the email …").
 */

const chatPath = (chatId: string) => `/api/team/chats/${encodeURIComponent(chatId)}`;

async function listed(chat: Promise<TeamChat>): Promise<TeamChat> {
  const answer = await chat;
  upsertTeamChat(answer);
  return answer;
}

/** The direct chat with a teammate: the same one every time for the same pair. */
export function openDirectChat(email: string): Promise<TeamChat> {
  return listed(requestJson<TeamChat>("/api/team/direct", { method: "POST", body: { email } }));
}

export function createGroup(name: string, memberEmails: string[]): Promise<TeamChat> {
  return listed(requestJson<TeamChat>("/api/team/groups", { method: "POST", body: { name, member_emails: memberEmails } }));
}

export function renameGroup(chatId: string, name: string): Promise<TeamChat> {
  return listed(requestJson<TeamChat>(chatPath(chatId), { method: "PATCH", body: { name } }));
}

export function addMember(chatId: string, email: string): Promise<TeamChat> {
  return listed(requestJson<TeamChat>(`${chatPath(chatId)}/members`, { method: "POST", body: { email } }));
}

/** Removes a member (group admin); the group as it is now comes back for the list. */
export async function removeMember(chatId: string, agentId: string): Promise<void> {
  await requestJson<void>(`${chatPath(chatId)}/members/${encodeURIComponent(agentId)}`, { method: "DELETE" });
  await listed(requestJson<TeamChat>(chatPath(chatId)));
}

/** Leaves a group: it leaves the agent's list (admin passes on when they were the last one). */
export async function leaveGroup(chatId: string, meId: string): Promise<void> {
  await requestJson<void>(`${chatPath(chatId)}/members/${encodeURIComponent(meId)}`, { method: "DELETE" });
  dropTeamChat(chatId);
}

/** Deletes a group for every member (group admin). */
export async function deleteGroup(chatId: string): Promise<void> {
  await requestJson<void>(chatPath(chatId), { method: "DELETE" });
  dropTeamChat(chatId);
}

/** Hides a chat for this agent only; a new message in it brings it back. */
export async function hideChat(chatId: string): Promise<void> {
  await requestJson<void>(`${chatPath(chatId)}/hide`, { method: "POST" });
  dropTeamChat(chatId);
}
