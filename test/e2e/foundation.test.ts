import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import { BUCKET_MS, bucketOf } from "../../src/reports/buckets";
import type { ConversationDetail, HistoryResponse } from "../../src/protocol";
import { loginCookie } from "./support/agent-client";
import { apiJson } from "./support/api";
import { waitUntil } from "./support/dashboard-app";
import { DevServer } from "./support/dev-server";
import { initSession, WsClient } from "./support/ws-client";

/**
 * `wrangler dev` evicts an object whose sockets are all hibernatable after ten seconds without
 * events (measured: still there after 9 s, gone after 10). Nothing observable changes when it
 * goes, so this idle period is the one wait that cannot be a wait for a state; the construction
 * count then proves that the eviction happened, and the test fails when it did not.
 */
const IDLE_UNTIL_EVICTED_MS = 11_000;

/** Time for a report bucket's due counts to reach the lobby once the bucket ended (its alarm, ms). */
const BUCKET_END_SETTLE_MS = 3_000;

/**
 * When a report bucket ends (SPEC §11: every `BUCKET_MS`, on the clock) within `windowMs`, waits
 * until it has ended and its counts have gone: the conversation's alarm sends the messages'
 * counts through the lobby then, a due write that wakes the lobby, which an idle period that
 * takes in a bucket's end would count as a wake-up (a failure at xx:00, :15, :30 and :45 only).
 */
async function clearOfBucketEnd(windowMs: number): Promise<void> {
  const now = Date.now();
  const untilEnd = bucketOf(now) + BUCKET_MS - now;
  if (untilEnd < windowMs) await new Promise((resolve) => setTimeout(resolve, untilEnd + BUCKET_END_SETTLE_MS));
}

describe("one conversation end to end on wrangler dev", () => {
  let server: DevServer;

  beforeAll(async () => {
    server = await DevServer.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("chats over WebSocket, keeps history across a restart, and delivers after the object hibernates", async () => {
    const session = await initSession(server, "e2e-browser-0001");
    const alice = await WsClient.connect(server, session.session_id, session.visitor_token);
    const aliceTab2 = await WsClient.connect(server, session.session_id, session.visitor_token);
    expect(alice.hello.session).toMatchObject({ id: session.session_id, status: "bot" });

    alice.send({ type: "faq", faq_id: "faq_demo_1", client_msg_id: "e2e-faq" });
    await aliceTab2.next("message", (f) => f.message.sender_type === "bot");
    alice.send({ type: "message", client_msg_id: "e2e-1", content: "Hello from the end-to-end test" });
    const sent = await aliceTab2.next("message", (f) => f.message.client_msg_id === "e2e-1");
    await aliceTab2.next("message", (f) => f.message.sender_type !== "user" && f.message.seq > sent.message.seq);
    const before = aliceTab2.of("message").map((f) => f.message);
    expect(before.find((m) => m.client_msg_id === "e2e-faq")?.content).toBe("How long does shipping take?");
    expect(before.map((m) => m.seq)).toEqual(before.map((_, i) => i + 1));
    // D1 holds the last message (its coalesced write, SPEC §2, has landed): no alarm is left to
    // wake the object after the restart, so the idle period below is idle.
    const cookie = await loginCookie(server, "sam@example.com", DEMO.password);
    const indexed = () => apiJson<ConversationDetail>(server, `/api/conversations/${session.session_id}`, { cookie });
    await waitUntil(indexed, (detail) => detail.conversation.last_seq >= before.at(-1)!.seq, "D1's index row holding the last message");
    alice.end();
    aliceTab2.end();

    await server.pause();
    await server.resume();

    const history = await apiJson<HistoryResponse>(server, `/api/chat/${session.session_id}/history`, { token: session.visitor_token });
    expect(history.messages.map((m) => m.id)).toEqual(before.map((m) => m.id));
    expect(history.messages.find((m) => m.client_msg_id === "e2e-1")?.content).toBe("Hello from the end-to-end test");

    const again = await initSession(server, "e2e-browser-0001");
    expect(again.session_id).toBe(session.session_id);
    const first = await WsClient.connect(server, again.session_id, again.visitor_token);
    const second = await WsClient.connect(server, again.session_id, again.visitor_token, history.messages.at(-1)!.seq);
    expect(first.hello.messages.map((m) => m.id)).toEqual(history.messages.map((m) => m.id));
    expect(second.hello.messages).toEqual([]);

    await clearOfBucketEnd(IDLE_UNTIL_EVICTED_MS + BUCKET_END_SETTLE_MS);
    const awake = await server.constructions();
    await new Promise((resolve) => setTimeout(resolve, IDLE_UNTIL_EVICTED_MS));
    expect(await server.constructions(), "nothing may wake the object while it idles").toEqual(awake);
    first.send({ type: "message", client_msg_id: "after-idle", content: "Still there?" });
    const [a, b] = await Promise.all([
      first.next("message", (f) => f.message.client_msg_id === "after-idle"),
      second.next("message", (f) => f.message.client_msg_id === "after-idle"),
    ]);
    expect(a.message.id).toBe(b.message.id);
    expect(a.message.seq).toBe(history.messages.at(-1)!.seq + 1);
    // Exactly one new instance: the object was evicted, and one event brought it back.
    expect((await server.constructions()).ChatSession, "the object was not evicted while idle").toBe(awake.ChatSession! + 1);
    await Promise.all([first.settle(), second.settle()]);
    for (const socket of [first, second]) expect(socket.of("message").filter((f) => f.message.client_msg_id === "after-idle")).toHaveLength(1);
    first.end();
    second.end();
  });

  it("stores the frames of one socket in the order they were sent", async () => {
    const session = await initSession(server, "e2e-browser-0002");
    const socket = await WsClient.connect(server, session.session_id, session.visitor_token);
    socket.send({ type: "faq", faq_id: "faq_demo_2", client_msg_id: "order-1" });
    socket.send({ type: "message", client_msg_id: "order-2", content: "And my parcel is late" });
    const [faq, message] = await Promise.all([
      socket.next("message", (f) => f.message.client_msg_id === "order-1"),
      socket.next("message", (f) => f.message.client_msg_id === "order-2"),
    ]);
    expect(faq.message.seq).toBeLessThan(message.message.seq);
    socket.end();
  });
});
