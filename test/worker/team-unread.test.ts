import { describe, expect, it } from "vitest";
import { AgentRoom, type TestAgent } from "./agents";
import { REPORTED } from "./reported";
import { createGroup, createTeam, historyOf, listChats, markRead, openDirect, say, teamRequest, unreadIn } from "./team";

describe("team unread counts (SPEC §4.10)", () => {
  it("counts messages by others after each member's own cursor, per chat and in total", async () => {
    const { agents } = await createTeam(3);
    const [ada, bo, cy] = agents as [TestAgent, TestAgent, TestAgent];
    const group = await createGroup(ada, "Ops", [bo, cy]); // seq 1: the "created" line, no one's unread
    const direct = await openDirect(bo, cy);
    await say(ada, group.id, "a1"); // 2
    await say(bo, group.id, "b1"); // 3
    await markRead(cy, group.id, 2);
    await say(ada, group.id, "a2"); // 4
    await say(cy, group.id, "c1"); // 5
    await markRead(bo, group.id, 4);
    await say(cy, direct.id, "to bo");
    const expected = { ada: 2, bo: 1, cy: 2 }; // ada: b1, c1 · bo: c1 · cy: b1, a2
    await expect.poll(async () => [await unreadIn(ada, group.id), await unreadIn(bo, group.id), await unreadIn(cy, group.id)], REPORTED)
      .toEqual([expected.ada, expected.bo, expected.cy]);
    await expect.poll(async () => (await listChats(bo)).unread_total, REPORTED).toBe(2);
    expect((await listChats(cy)).unread_total).toBe(2);

    // A read answers at once, a cursor never moves back, and a read past the end stops at the end.
    await markRead(ada, group.id, 99);
    await markRead(ada, group.id, 1);
    expect(await unreadIn(ada, group.id)).toBe(0);
    await markRead(bo, direct.id, 1);
    expect((await listChats(bo)).unread_total).toBe(1);
  });

  it("tells the room whose cursor moved and shows every member's cursor in hello", async () => {
    const { agents } = await createTeam(2);
    const [ada, bo] = agents as [TestAgent, TestAgent];
    const direct = await openDirect(ada, bo);
    const message = await say(ada, direct.id, "seen?");
    const room = await AgentRoom.open(direct.id, ada);
    await markRead(bo, direct.id, message.seq);
    expect(await room.next("read")).toEqual({ type: "read", sender_type: "agent", seq: message.seq, agent_id: bo.id });
    const again = await AgentRoom.open(direct.id, ada);
    expect(again.of("hello")[0]?.member_reads).toEqual({ [bo.id]: message.seq });
    room.end();
    again.end();
  });
});

describe("hiding a team chat (soft-delete for me)", () => {
  it("leaves my list until a new message, then shows only what came after the hide", async () => {
    const { agents } = await createTeam(2);
    const [ada, bo] = agents as [TestAgent, TestAgent];
    const direct = await openDirect(ada, bo);
    await say(bo, direct.id, "old one");
    await say(bo, direct.id, "old two");
    expect((await teamRequest(ada, `/chats/${direct.id}/hide`, { method: "POST" })).status).toBe(204);
    await expect.poll(async () => (await listChats(ada)).chats.length, REPORTED).toBe(0);
    expect((await listChats(ada)).unread_total).toBe(0);
    expect((await listChats(bo)).chats.map((c) => c.id)).toEqual([direct.id]);
    expect((await historyOf(ada, direct.id)).messages).toEqual([]);

    await say(bo, direct.id, "new one");
    await expect.poll(async () => (await listChats(ada)).chats.map((c) => [c.id, c.unread_count, c.last_message?.content]), REPORTED)
      .toEqual([[direct.id, 1, "new one"]]);
    const page = await historyOf(ada, direct.id);
    expect(page.messages.map((m) => m.content)).toEqual(["new one"]);
    expect(page.has_more).toBe(false);
    const room = await AgentRoom.open(direct.id, ada);
    expect(room.of("hello")[0]?.messages.map((m) => m.content)).toEqual(["new one"]);
    room.send({ type: "load_older", before: 3 });
    expect(await room.next("older")).toMatchObject({ messages: [], has_more: false });
    room.end();
    // Bo never hid it: all three are theirs.
    expect((await historyOf(bo, direct.id)).messages.map((m) => m.content)).toEqual(["old one", "old two", "new one"]);
  });

  it("loads older pages with before, over REST and the socket", async () => {
    const { agents } = await createTeam(2);
    const [ada, bo] = agents as [TestAgent, TestAgent];
    const direct = await openDirect(ada, bo);
    for (let i = 1; i <= 5; i++) await say(i % 2 ? ada : bo, direct.id, `m${i}`);
    const older = await historyOf(bo, direct.id, "?before=4&limit=2");
    expect(older.messages.map((m) => m.seq)).toEqual([2, 3]);
    expect(older.has_more).toBe(true);
    const room = await AgentRoom.open(direct.id, bo);
    room.send({ type: "load_older", before: 2 });
    expect(await room.next("older")).toMatchObject({ messages: [{ seq: 1, content: "m1" }], has_more: false });
    room.end();
  });
});
