import { batch, signal } from "@preact/signals";
import type { DashboardEvent, TeamChat, TeamChatListResponse } from "@parley/protocol";
import { requestJson } from "../../lib/http";

/**
 * The agent's team chats (SPEC §4.10), newest activity first, and their unread total: kept live
 * by the lobby's `team_*` frames, listed again over REST on every (re)connect so nothing sent
 * while the socket was down is missed. Part of the inbox's first load, for the badges and the
 * title; the Team section's own code loads when it is opened.
 */
export const teamChats = signal<TeamChat[]>([]);
export const teamUnread = signal(0);
export const teamChatsState = signal<"loading" | "ready" | "failed">("loading");

export type TeamFrame = DashboardEvent<"team_chat_updated" | "team_chat_removed" | "team_unread">;

const activityOf = (chat: TeamChat) => chat.last_message?.timestamp ?? chat.created_at;
const byActivity = (a: TeamChat, b: TeamChat) => activityOf(b).localeCompare(activityOf(a));

/** Frames that came while a listing was on its way: applied again over it, so the newer state wins. */
let arrivedDuringLoad: TeamFrame[] | null = null;
let loads = 0;

export async function loadTeamChats(): Promise<void> {
  const load = ++loads;
  arrivedDuringLoad = [];
  try {
    const list = await requestJson<TeamChatListResponse>("/api/team/chats");
    if (load !== loads) return;
    const missed = arrivedDuringLoad;
    arrivedDuringLoad = null;
    batch(() => {
      teamChats.value = [...list.chats].sort(byActivity);
      teamUnread.value = list.unread_total;
      for (const frame of missed) apply(frame);
      teamChatsState.value = "ready";
    });
  } catch {
    if (load !== loads) return;
    arrivedDuringLoad = null;
    teamChatsState.value = "failed";
  }
}

export function receiveTeamFrame(frame: TeamFrame): void {
  arrivedDuringLoad?.push(frame);
  apply(frame);
}

function apply(frame: TeamFrame): void {
  switch (frame.type) {
    case "team_chat_updated":
      return upsertTeamChat(frame.data.chat);
    case "team_chat_removed":
      return dropTeamChat(frame.data.chat_id);
    case "team_unread":
      teamUnread.value = frame.data.unread_total;
      return;
  }
}

/** A chat as the server last described it (a frame, or the answer of an action), in its place by activity. */
export function upsertTeamChat(chat: TeamChat): void {
  teamChats.value = [...teamChats.value.filter((other) => other.id !== chat.id), chat].sort(byActivity);
}

/** Left the agent's list: hidden, left, removed from, or deleted. The total follows in `team_unread`. */
export function dropTeamChat(chatId: string): void {
  if (teamChats.value.some((chat) => chat.id === chatId)) teamChats.value = teamChats.value.filter((chat) => chat.id !== chatId);
}

export function teamChatById(chatId: string): TeamChat | undefined {
  return teamChats.value.find((chat) => chat.id === chatId);
}

/** The next agent to log in on this page must not glimpse this one's chats. */
export function forgetTeamChats(): void {
  loads++;
  arrivedDuringLoad = null;
  batch(() => {
    teamChats.value = [];
    teamUnread.value = 0;
    teamChatsState.value = "loading";
  });
}
