import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AgentRoom, DashboardSocket, type TestAgent } from "./agents";
import { runCron } from "./cron";
import { REPORTED } from "./reported";
import { createGroup, createTeam, historyOf, listChats, markRead, openDirect, say, teamRequest } from "./team";

const systemLines = async (agent: TestAgent, chatId: string) =>
  (await historyOf(agent, chatId)).messages.filter((m) => m.sender_type === "system").map((m) => m.metadata?.event);

describe("group admin (SPEC §4.10)", () => {
  it("renames, adds, removes; members leave; admin passes to the longest-standing member; each with a system line", async () => {
    const { agents } = await createTeam(4);
    const [ada, bo, cy, di] = agents as [TestAgent, TestAgent, TestAgent, TestAgent];
    const group = await createGroup(ada, "Ops", [bo, cy]);
    const renamed = await teamRequest(ada, `/chats/${group.id}`, { method: "PATCH", body: { name: "Night ops" } });
    expect(await renamed.json()).toMatchObject({ title: "Night ops" });
    const added = await teamRequest(ada, `/chats/${group.id}/members`, { body: { email: di.email } });
    expect(added.status).toBe(201);
    expect(((await added.json()) as { members: { id: string }[] }).members.map((m) => m.id)).toEqual([ada.id, bo.id, cy.id, di.id]);

    const cyRoom = await AgentRoom.open(group.id, cy);
    expect((await teamRequest(ada, `/chats/${group.id}/members/${cy.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await cyRoom.untilClosed()).toEqual({ code: 4003, reason: "removed_from_chat" });
    expect((await teamRequest(cy, `/chats/${group.id}`)).status).toBe(404);

    // The only admin leaves: Bo, the longest-standing member left, becomes admin.
    expect((await teamRequest(ada, `/chats/${group.id}/members/${ada.id}`, { method: "DELETE" })).status).toBe(204);
    const now = (await (await teamRequest(bo, `/chats/${group.id}`)).json()) as { members: { id: string; role: string }[] };
    expect(now.members).toEqual([
      { id: bo.id, name: "Bo", role: "admin" },
      { id: di.id, name: "Di", role: "member" },
    ]);
    expect(await systemLines(bo, group.id)).toEqual(["group_created", "group_renamed", "member_added", "member_removed", "member_left", "admin_changed"]);
    expect((await teamRequest(bo, `/chats/${group.id}`, { method: "PATCH", body: { name: "Bo's" } })).status).toBe(200);
  });

  it("deletes a group for everyone: sockets close, lists drop it, routes answer 404", async () => {
    const { agents } = await createTeam(2);
    const [ada, bo] = agents as [TestAgent, TestAgent];
    const group = await createGroup(ada, "Temp", [bo]);
    const boRoom = await AgentRoom.open(group.id, bo);
    const boDashboard = await DashboardSocket.open(bo);
    expect((await teamRequest(ada, `/chats/${group.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await boRoom.untilClosed()).toEqual({ code: 4003, reason: "chat_deleted" });
    expect(await boDashboard.next("team_chat_removed")).toEqual({ type: "team_chat_removed", data: { chat_id: group.id } });
    expect((await listChats(bo)).chats).toEqual([]);
    expect((await teamRequest(ada, `/chats/${group.id}`)).status).toBe(404);
    boDashboard.end();
  });
});

describe("live list frames through the lobby (SPEC §7)", () => {
  it("sends team_chat_updated and team_unread to the members' dashboards only", async () => {
    const { agents } = await createTeam(3);
    const [ada, bo, cy] = agents as [TestAgent, TestAgent, TestAgent];
    const direct = await openDirect(ada, bo);
    const [boBoard, cyBoard] = await Promise.all([DashboardSocket.open(bo), DashboardSocket.open(cy)]);
    await say(ada, direct.id, "ping");
    const update = await boBoard.next("team_chat_updated", (f) => f.data.chat.unread_count === 1, REPORTED.timeout);
    expect(update.data.chat).toMatchObject({ id: direct.id, title: "Ada", last_message: { content: "ping" }, unread_count: 1 });
    expect(await boBoard.next("team_unread", (f) => f.data.unread_total === 1)).toBeTruthy();
    await markRead(bo, direct.id, 1); // the badge drops at once, not with the next report
    await boBoard.next("team_unread", (f) => f.data.unread_total === 0);
    expect(cyBoard.of("team_chat_updated")).toEqual([]);
    expect(cyBoard.of("team_unread")).toEqual([]);
    boBoard.end();
    cyBoard.end();
  });
});

describe("the Cron purge (SPEC §11)", () => {
  const rowOf = (id: string) => env.DB.prepare("SELECT id FROM conversations WHERE id = ?").bind(id).first();

  it("purges chats every member hid and deleted groups, with their storage; keeps the rest", async () => {
    const { agents } = await createTeam(3);
    const [ada, bo, cy] = agents as [TestAgent, TestAgent, TestAgent];
    const direct = await openDirect(ada, bo);
    await say(ada, direct.id, "bye");
    const halfHidden = await openDirect(ada, cy);
    await say(cy, halfHidden.id, "still here");
    const group = await createGroup(ada, "Gone", [bo]);
    await expect.poll(async () => (await listChats(bo)).chats.length, REPORTED).toBe(2);

    for (const agent of [ada, bo]) expect((await teamRequest(agent, `/chats/${direct.id}/hide`, { method: "POST" })).status).toBe(204);
    expect((await teamRequest(ada, `/chats/${halfHidden.id}/hide`, { method: "POST" })).status).toBe(204);
    expect((await teamRequest(ada, `/chats/${group.id}`, { method: "DELETE" })).status).toBe(204);
    await runCron();

    expect(await rowOf(direct.id)).toBeNull();
    expect(await rowOf(group.id)).toBeNull();
    expect(await rowOf(halfHidden.id)).not.toBeNull();
    const members = await env.DB.prepare("SELECT count(*) AS n FROM members WHERE conversation_id IN (?, ?)").bind(direct.id, group.id).first<{ n: number }>();
    expect(members?.n).toBe(0);
    // The pair opens a fresh chat: the purged log is gone with it.
    const fresh = await openDirect(ada, bo);
    expect(fresh.id).not.toBe(direct.id);
    expect((await historyOf(bo, fresh.id)).messages).toEqual([]);
  });

  it("keeps a chat whose object holds a message that came after everyone hid it", async () => {
    const { agents } = await createTeam(2);
    const [ada, bo] = agents as [TestAgent, TestAgent];
    const direct = await openDirect(ada, bo);
    await say(ada, direct.id, "one");
    for (const agent of [ada, bo]) await teamRequest(agent, `/chats/${direct.id}/hide`, { method: "POST" });
    await say(bo, direct.id, "one more"); // D1's copy of the last seq lags a report behind
    await runCron();
    expect(await rowOf(direct.id)).not.toBeNull();
    expect((await historyOf(ada, direct.id)).messages.map((m) => m.content)).toEqual(["one more"]);
  });
});
