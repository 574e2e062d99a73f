import { env } from "cloudflare:workers";
import { rewriteAttachments } from "./attachments";
import { describe, expect, it } from "vitest";
import { CLOSE_CODES, CLOSE_REASONS, SYSTEM_EVENTS, type HistoryResponse } from "../../src/protocol";
import { AgentRoom, agentRequest, createAgent } from "./agents";
import { createSite, request, startSession, TestSocket } from "./helpers";

describe("conversation sockets", () => {
  it("shows two sockets of one session the same messages in the same order", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const tabA = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const tabB = await TestSocket.open(visitor.session_id, visitor.visitor_token);

    for (let i = 0; i < 10; i++) {
      (i % 2 ? tabA : tabB).send({ type: "message", client_msg_id: `m-${i}`, content: `hello ${i}` });
    }
    const userMessages = async (socket: TestSocket) => {
      await socket.next("message", () => socket.of("message").filter((f) => f.message.sender_type === "user").length >= 10);
      return socket.of("message").map((f) => f.message);
    };
    const seenByA = await userMessages(tabA);
    const seenByB = await userMessages(tabB);
    expect(seenByA.filter((m) => m.sender_type === "system")).toHaveLength(1);
    expect(seenByA.map((m) => m.id)).toEqual(seenByB.map((m) => m.id));
    expect(seenByA.map((m) => m.seq)).toEqual([...seenByA.map((m) => m.seq)].sort((a, b) => a - b));
    expect(new Set(seenByA.filter((m) => m.sender_type === "user").map((m) => m.client_msg_id))).toEqual(
      new Set(Array.from({ length: 10 }, (_, i) => `m-${i}`)),
    );
    tabA.end();
    tabB.end();
  });

  it("keeps seq gap-free when a visitor and an agent write from eight sockets at once", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const agent = await createAgent(site);
    const reader = await AgentRoom.open(visitor.session_id, agent);
    // As many sockets and messages as the limits let one person have: five visitor sockets and
    // three of the agent's, each person spending their whole burst at once.
    const visitorSockets = await Promise.all(Array.from({ length: 5 }, () => TestSocket.open(visitor.session_id, visitor.visitor_token)));
    const agentSockets = await Promise.all(Array.from({ length: 3 }, () => AgentRoom.open(visitor.session_id, agent)));
    visitorSockets.forEach((socket, w) => {
      for (let i = 0; i < 6; i++) socket.send({ type: "message", client_msg_id: `v${w}-${i}`, content: `visitor ${w} #${i}` });
    });
    agentSockets.forEach((socket, w) => {
      for (let i = 0; i < 10; i++) socket.send({ type: "message", client_msg_id: `a${w}-${i}`, content: `agent ${w} #${i}` });
    });
    // 60 messages, the escalation note of the visitor's first and the "joined" note of the agent's first.
    await reader.until(() => reader.of("message").length >= 62, "62 messages", 30_000);
    const live = reader.of("message").map((f) => f.message);
    expect(live.map((m) => m.seq)).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
    expect(live.filter((m) => m.sender_type === "system").map((m) => m.metadata?.event).sort()).toEqual([SYSTEM_EVENTS.agentJoined, SYSTEM_EVENTS.escalated]);
    expect(new Set(live.map((m) => m.client_msg_id).filter(Boolean)).size).toBe(60);

    // Read by a colleague: both writers spent their whole budget, and reads pay it too.
    const reader2 = await createAgent(site);
    const history: number[] = [];
    let after = 0;
    for (;;) {
      const page = (await (
        await agentRequest(`/api/chat/${visitor.session_id}/history?after=${after}&limit=25`, { cookie: reader2.cookie })
      ).json()) as HistoryResponse;
      history.push(...page.messages.map((m) => m.seq));
      after = history.at(-1) ?? after;
      if (!page.has_more) break;
    }
    expect(history).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
    expect([...visitorSockets, ...agentSockets].flatMap((socket) => socket.of("error"))).toEqual([]);
  }, 60_000);

  it("stores one message when the same client_msg_id is sent three times", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const frame = { type: "message", client_msg_id: "same-id", content: "only once" };
    socket.send(frame);
    socket.send(frame);
    const rest = await request(`/api/chat/${visitor.session_id}/messages`, {
      token: visitor.visitor_token,
      body: { content: "only once", client_msg_id: "same-id" },
    });
    expect(rest.status).toBe(200);
    await socket.next("message", () => socket.of("message").filter((f) => f.message.client_msg_id === "same-id").length >= 2);

    const history = (await (await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token })).json()) as {
      messages: { client_msg_id?: string; id: string }[];
    };
    const stored = history.messages.filter((m) => m.client_msg_id === "same-id");
    expect(stored).toHaveLength(1);
    expect(((await rest.json()) as { id: string }).id).toBe(stored[0]!.id);
    const echoed = socket.of("message").filter((f) => f.message.client_msg_id === "same-id");
    expect(new Set(echoed.map((f) => f.message.id))).toEqual(new Set([stored[0]!.id]));
  });

  it("resumes after seq N with every missed message exactly once while another client keeps sending", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const sender = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    for (let i = 0; i < 5; i++) sender.send({ type: "message", client_msg_id: `before-${i}`, content: `before ${i}` });
    await sender.until(() => sender.of("message").length >= 6, "the first five messages and the escalation note");
    const lastSeen = sender.of("message").at(-1)!.message.seq;

    // Ten messages are on their way while the second client resumes, ten more once it has.
    const during = Array.from({ length: 20 }, (_, i) => `during-${i}`);
    for (const id of during.slice(0, 10)) sender.send({ type: "message", client_msg_id: id, content: id });
    const resumed = await TestSocket.open(visitor.session_id, visitor.visitor_token, { afterSeq: lastSeen });
    for (const id of during.slice(10)) sender.send({ type: "message", client_msg_id: id, content: id });
    await sender.until(() => sender.of("message").length === 26, "every message stored");
    const seenBy = () => [...resumed.hello.messages, ...resumed.of("message").map((f) => f.message)];
    await resumed.until(() => seenBy().length >= during.length, "every missed and later message");

    // Exactly the messages after lastSeen, each once, in seq order with no gap. (Frames sent in
    // one burst may reach an object in another order in the workers pool; wrangler dev keeps it,
    // see test/e2e/foundation.test.ts.)
    const seen = seenBy();
    expect(seen.map((m) => m.client_msg_id).sort()).toEqual([...during].sort());
    expect(seen.map((m) => m.seq)).toEqual(during.map((_, i) => lastSeen + 1 + i));
    expect(resumed.hello.has_more).toBe(false);
  });

  it("answers bad frames with error frames and keeps serving every socket", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const bad = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const good = await TestSocket.open(visitor.session_id, visitor.visitor_token);

    bad.send("{not json");
    bad.send({ type: "dance" });
    bad.send({ nope: true });
    bad.send({ type: "message", client_msg_id: "long", content: "x".repeat(1001) });
    bad.send({ type: "message", client_msg_id: "blank", content: "   " });
    bad.send({ type: "message", content: "no id" });
    bad.send("x".repeat(60_000));
    await bad.next("error", () => bad.of("error").length >= 7);
    expect(bad.of("error").map((f) => f.code).sort()).toEqual(
      ["bad_json", "empty", "invalid_frame", "invalid_frame", "too_long", "too_long", "unknown_type"],
    );
    expect(bad.of("error").find((f) => f.client_msg_id === "long")).toMatchObject({
      code: "too_long",
      message: expect.stringContaining("1000"),
    });

    good.send({ type: "message", client_msg_id: "fine", content: "still here" });
    await good.next("message", (f) => f.message.client_msg_id === "fine");
    await bad.next("message", (f) => f.message.client_msg_id === "fine");
    expect(bad.closed).toBeNull();
  });

  it("relays typing to others, moves read cursors, counts presence and loads older pages", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const other = await startSession(site);
    const agent = await createAgent(site);
    const a = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(a.hello.online).toBe(1);
    const b = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(b.hello.online).toBe(1);
    expect(other.session_id).not.toBe(visitor.session_id);

    // More than a history page: 20 from the visitor and 30 from the agent, within each budget.
    for (let i = 0; i < 20; i++) (i < 10 ? a : b).send({ type: "message", client_msg_id: `older-${i}`, content: `m${i}` });
    await a.until(() => a.of("message").length >= 21, "the visitor's messages");
    const room = await AgentRoom.open(visitor.session_id, agent);
    for (let i = 0; i < 30; i++) room.send({ type: "message", client_msg_id: `reply-${i}`, content: `r${i}` });
    // 50 messages, the escalation note of the visitor's first and the "joined" note of the agent's.
    await a.until(() => a.of("message").length === 52, "every message");
    const total = 52;

    const c = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(c.hello.online).toBe(2);
    expect(c.hello.last_seq).toBe(total);
    expect(c.hello.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => total - 49 + i));
    expect(c.hello.has_more).toBe(true);
    c.send({ type: "load_older", before: total - 49 });
    const older = await c.next("older");
    expect(older.messages.map((m) => m.seq)).toEqual(Array.from({ length: total - 50 }, (_, i) => i + 1));
    expect(older.has_more).toBe(false);

    c.send({ type: "read", seq: 40 });
    expect(await a.next("read")).toEqual({ type: "read", sender_type: "user", seq: 40 });
    c.send({ type: "read", seq: 10 });
    c.send({ type: "typing", is_typing: true });
    // The next cursor move is handled after both frames: when it reaches `a`, they have been too.
    c.send({ type: "read", seq: 45 });
    await a.next("read", (f) => f.seq === 45);
    expect(a.of("read").map((f) => f.seq)).toEqual([40, 45]);
    expect(a.of("typing")).toEqual([]);
    expect(await room.next("typing")).toMatchObject({ sender_type: "user", is_typing: true });
    const d = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(d.hello.read.user).toBe(45);
  });
});

describe("closing", () => {
  it("closes a socket whose attachment another deployment wrote, so its client reconnects", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    await rewriteAttachments(stub, (attachment) => ({ ...attachment, v: 0 }));
    socket.send({ type: "typing", is_typing: true });
    expect(await socket.untilClosed()).toEqual({ code: CLOSE_CODES.serverError, reason: CLOSE_REASONS.lostIdentity });
  });

  it("answers every close with a close frame, echoing the code or 1000 when none can be sent back", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    for (const [code, expected] of [
      [4100, 4100],
      [undefined, 1000],
    ] as const) {
      const response = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token);
      const ws = response.webSocket!;
      ws.accept();
      const closed = new Promise<number>((resolve) => ws.addEventListener("close", (event) => resolve(event.code)));
      if (code === undefined) ws.close();
      else ws.close(code, "bye");
      expect(await closed).toBe(expected);
    }
  });
});
