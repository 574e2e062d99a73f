import { describe, expect, it } from "vitest";
import { agentRequest, agentRoomUpgrade, AgentRoom, type TestAgent } from "./agents";
import { startSession, request } from "./helpers";
import { createGroup, createTeam, openDirect, say, teamRequest } from "./team";

/** Every conversation route and the room socket, as `agent` would call them on `chatId`. */
async function everyRoute(agent: TestAgent, chatId: string): Promise<number[]> {
  const path = `/api/chat/${chatId}`;
  const rest = await Promise.all([
    agentRequest(`${path}/messages`, { cookie: agent.cookie, body: { content: "let me in" } }),
    agentRequest(`${path}/history`, { cookie: agent.cookie }),
    agentRequest(`${path}/history?before=2`, { cookie: agent.cookie }),
    agentRequest(`${path}/read`, { cookie: agent.cookie, body: { seq: 1 } }),
    agentRequest(`${path}/poll`, { cookie: agent.cookie }),
    teamRequest(agent, `/chats/${chatId}`),
    teamRequest(agent, `/chats/${chatId}/hide`, { method: "POST" }),
  ]);
  const socket = await agentRoomUpgrade(chatId, agent.cookie);
  expect(socket.webSocket).toBeNull();
  return [...rest.map((r) => r.status), socket.status];
}

describe("team chats are for their members only (SPEC §5)", () => {
  it("answers 404 to a non-member, another workspace and a visitor on every route, socket and poll", async () => {
    const { site, agents } = await createTeam(3);
    const [ada, bo, cy] = agents as [TestAgent, TestAgent, TestAgent];
    const direct = await openDirect(ada, bo);
    const group = await createGroup(ada, "Leads", [bo]);
    await say(ada, direct.id, "private");
    const stranger = (await createTeam(1)).agents[0]!;
    for (const chat of [direct, group]) {
      expect(await everyRoute(cy, chat.id)).toEqual(Array(8).fill(404));
      expect(await everyRoute(stranger, chat.id)).toEqual(Array(8).fill(404));
    }
    const visitor = await startSession(site);
    const asVisitor = await request(`/api/chat/${direct.id}/history`, { token: visitor.visitor_token });
    expect(asVisitor.status).toBe(404);
    // The members themselves reach the same routes.
    const room = await AgentRoom.open(direct.id, bo);
    expect(room.of("hello")[0]).toMatchObject({ session: { kind: "direct", status: "open" }, messages: [{ content: "private" }] });
    room.end();
  });

  it("keeps group admin actions to admins (403) and to groups (400)", async () => {
    const { agents } = await createTeam(3);
    const [ada, bo, cy] = agents as [TestAgent, TestAgent, TestAgent];
    const group = await createGroup(ada, "Leads", [bo, cy]);
    const direct = await openDirect(ada, bo);
    const asMember = [
      teamRequest(bo, `/chats/${group.id}`, { method: "PATCH", body: { name: "Mine" } }),
      teamRequest(bo, `/chats/${group.id}/members`, { body: { email: ada.email } }),
      teamRequest(bo, `/chats/${group.id}/members/${cy.id}`, { method: "DELETE" }),
      teamRequest(bo, `/chats/${group.id}`, { method: "DELETE" }),
    ];
    for (const response of await Promise.all(asMember)) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "not_group_admin" } });
    }
    const onDirect = [
      teamRequest(ada, `/chats/${direct.id}`, { method: "PATCH", body: { name: "Ours" } }),
      teamRequest(ada, `/chats/${direct.id}`, { method: "DELETE" }),
      teamRequest(ada, `/chats/${direct.id}/members/${ada.id}`, { method: "DELETE" }),
    ];
    for (const response of await Promise.all(onDirect)) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "not_a_group" } });
    }
    const badName = await teamRequest(ada, `/chats/${group.id}`, { method: "PATCH", body: { name: "" } });
    expect(badName.status).toBe(400);
    expect(await badName.json()).toMatchObject({ error: { message: expect.stringContaining("name") } });
    const badEmail = await teamRequest(ada, `/chats/${group.id}/members`, { body: { email: 42 } });
    expect(badEmail.status).toBe(400);
    expect(await badEmail.json()).toMatchObject({ error: { message: expect.stringContaining("email") } });
    const twice = await teamRequest(ada, `/chats/${group.id}/members`, { body: { email: bo.email } });
    expect(twice.status).toBe(409);
    const ghost = await teamRequest(ada, `/chats/${group.id}/members/${crypto.randomUUID()}`, { method: "DELETE" });
    expect(ghost.status).toBe(404);
  });
});
