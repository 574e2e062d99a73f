import { describe, expect, it } from "vitest";
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

  it("keeps seq gap-free over 1,000 messages from many concurrent writers", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const reader = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    // Each socket has its own rate bucket (30 frames at once), so 40 sockets send 25 each.
    const writers = await Promise.all(
      Array.from({ length: 40 }, () => TestSocket.open(visitor.session_id, visitor.visitor_token)),
    );
    writers.forEach((writer, w) => {
      for (let i = 0; i < 25; i++) writer.send({ type: "message", client_msg_id: `w${w}-${i}`, content: `writer ${w} #${i}` });
    });
    // 1,000 visitor messages plus the one system message of the escalation the first one caused.
    const live = await reader.messages(1001, 60_000);
    expect(live.map((m) => m.seq)).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1));
    expect(live.filter((m) => m.sender_type === "user")).toHaveLength(1000);

    const history: number[] = [];
    let after = 0;
    for (;;) {
      const page = (await (
        await request(`/api/chat/${visitor.session_id}/history?after=${after}&limit=200`, { token: visitor.visitor_token })
      ).json()) as { messages: { seq: number; client_msg_id: string }[]; has_more: boolean };
      history.push(...page.messages.map((m) => m.seq));
      after = history.at(-1) ?? after;
      if (!page.has_more) break;
    }
    expect(history).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1));
    expect(writers.flatMap((w) => w.of("error"))).toEqual([]);
  }, 120_000);

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

  it("resumes after seq N with exactly the missed messages while another client keeps sending", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const sender = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    for (let i = 0; i < 5; i++) sender.send({ type: "message", client_msg_id: `before-${i}`, content: `before ${i}` });
    const firstFive = await sender.messages(5);
    const lastSeen = firstFive[4]!.seq;

    let sending = true;
    const background = (async () => {
      for (let i = 0; sending && i < 40; i++) {
        sender.send({ type: "message", client_msg_id: `during-${i}`, content: `during ${i}` });
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const resumed = await TestSocket.open(visitor.session_id, visitor.visitor_token, { afterSeq: lastSeen });
    await new Promise((resolve) => setTimeout(resolve, 150));
    sending = false;
    await background;
    const total = (await sender.messages(5)).length;
    await sender.messages(total);

    const hello = resumed.hello;
    const live = resumed.of("message").map((f) => f.message.seq);
    const got = [...hello.messages.map((m) => m.seq), ...live];
    const expected = Array.from({ length: hello.last_seq - lastSeen }, (_, i) => lastSeen + 1 + i);
    expect(hello.messages.every((m) => m.seq > lastSeen)).toBe(true);
    expect(hello.messages.map((m) => m.seq)).toEqual(expected);
    const all = await resumed.messages(live.length);
    expect([...hello.messages.map((m) => m.seq), ...all.map((m) => m.seq)]).toEqual(
      Array.from({ length: got.length }, (_, i) => lastSeen + 1 + i),
    );
    expect(hello.has_more).toBe(false);
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

  it("rate limits a flooding socket without affecting the others", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const flooder = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const calm = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    for (let i = 0; i < 60; i++) flooder.send({ type: "typing", is_typing: i % 2 === 0 });
    await flooder.next("error", () => flooder.of("error").filter((f) => f.code === "rate_limited").length >= 25);
    expect(flooder.closed).toBeNull();

    calm.send({ type: "message", client_msg_id: "calm-1", content: "I am fine" });
    await calm.next("message", (f) => f.message.client_msg_id === "calm-1");
    expect(calm.of("error")).toEqual([]);
  });

  it("relays typing to others, moves read cursors, counts presence and loads older pages", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const other = await startSession(site);
    const a = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(a.hello.online).toBe(1);
    const b = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(b.hello.online).toBe(1);
    expect(other.session_id).not.toBe(visitor.session_id);

    for (let i = 0; i < 60; i++) (i < 30 ? a : b).send({ type: "message", client_msg_id: `older-${i}`, content: `m${i}` });
    const total = (await a.messages(61)).length;
    const c = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(c.hello.last_seq).toBe(total);
    expect(c.hello.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => total - 49 + i));
    expect(c.hello.has_more).toBe(true);
    c.send({ type: "load_older", before: total - 49 });
    const older = await c.next("older");
    expect(older.messages.map((m) => m.seq)).toEqual(Array.from({ length: total - 50 }, (_, i) => i + 1));
    expect(older.has_more).toBe(false);

    c.send({ type: "read", seq: 60 });
    expect(await a.next("read")).toEqual({ type: "read", sender_type: "user", seq: 60 });
    c.send({ type: "read", seq: 10 });
    c.send({ type: "typing", is_typing: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.of("read")).toHaveLength(1);
    expect(a.of("typing")).toEqual([]);
    const d = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(d.hello.read.user).toBe(60);
  });
});

describe("closing", () => {
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
