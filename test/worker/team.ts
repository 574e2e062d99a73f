import { expect } from "vitest";
import type { Message, TeamChat, TeamChatListResponse } from "../../src/protocol";
import { agentRequest, createAgent, type TestAgent } from "./agents";
import { createSite, type TestSite } from "./helpers";

/** A workspace of `count` agents, the first one an admin of the workspace (not of any group). */
export async function createTeam(count: number, names = ["Ada", "Bo", "Cy", "Di"]): Promise<{ site: TestSite; agents: TestAgent[] }> {
  const site = await createSite({ botEnabled: false });
  const agents: TestAgent[] = [];
  for (let i = 0; i < count; i++) agents.push(await createAgent(site, { name: names[i] ?? `Agent ${i}`, role: i === 0 ? "admin" : "agent" }));
  return { site, agents };
}

/** A team route, as the dashboard calls it. */
export function teamRequest(agent: TestAgent, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return agentRequest(`/api/team${path}`, { ...init, cookie: agent.cookie });
}

export async function openDirect(agent: TestAgent, other: TestAgent): Promise<TeamChat> {
  const response = await teamRequest(agent, "/direct", { body: { email: other.email } });
  expect(response.status).toBe(200);
  return (await response.json()) as TeamChat;
}

export async function createGroup(admin: TestAgent, name: string, members: TestAgent[]): Promise<TeamChat> {
  const response = await teamRequest(admin, "/groups", { body: { name, member_emails: members.map((m) => m.email) } });
  expect(response.status).toBe(201);
  return (await response.json()) as TeamChat;
}

export async function listChats(agent: TestAgent): Promise<TeamChatListResponse> {
  const response = await teamRequest(agent, "/chats");
  expect(response.status).toBe(200);
  return (await response.json()) as TeamChatListResponse;
}

/** Posts a message into a chat over REST (the conversation route, as for support sessions). */
export async function say(agent: TestAgent, chatId: string, content: string): Promise<Message> {
  const response = await agentRequest(`/api/chat/${chatId}/messages`, { cookie: agent.cookie, body: { content } });
  expect(response.status).toBe(201);
  return (await response.json()) as Message;
}

export async function markRead(agent: TestAgent, chatId: string, seq: number): Promise<void> {
  const response = await agentRequest(`/api/chat/${chatId}/read`, { cookie: agent.cookie, body: { seq } });
  expect(response.status).toBe(204);
}

export async function historyOf(agent: TestAgent, chatId: string, query = ""): Promise<{ messages: Message[]; has_more: boolean }> {
  const response = await agentRequest(`/api/chat/${chatId}/history${query}`, { cookie: agent.cookie });
  expect(response.status).toBe(200);
  return (await response.json()) as { messages: Message[]; has_more: boolean };
}

/** Each agent's unread count of one chat as the list says (absent: not listed). */
export async function unreadIn(agent: TestAgent, chatId: string): Promise<number | undefined> {
  return (await listChats(agent)).chats.find((chat) => chat.id === chatId)?.unread_count;
}
