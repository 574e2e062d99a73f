import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryResponse } from "../../src/protocol";
import { DevServer } from "./support/dev-server";
import { initSession, WsClient } from "./support/ws-client";

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
    alice.send({ type: "message", client_msg_id: "e2e-1", content: "Hello from the end-to-end test" });
    await aliceTab2.next("message", (f) => f.message.client_msg_id === "e2e-1");
    await aliceTab2.next("message", (f) => f.message.sender_type === "bot");
    const before = aliceTab2.of("message").map((f) => f.message);
    expect(before.find((m) => m.client_msg_id === "e2e-faq")?.content).toBe("How long does shipping take?");
    expect(before.map((m) => m.seq)).toEqual(before.map((_, i) => i + 1));
    alice.end();
    aliceTab2.end();

    await server.pause();
    await server.resume();

    const history = (await (
      await fetch(`${server.origin}/api/chat/${session.session_id}/history`, {
        headers: { Authorization: `Bearer ${session.visitor_token}`, Origin: server.origin },
      })
    ).json()) as HistoryResponse;
    expect(history.messages.map((m) => m.id)).toEqual(expect.arrayContaining(before.map((m) => m.id)));
    expect(history.messages.find((m) => m.client_msg_id === "e2e-1")?.content).toBe("Hello from the end-to-end test");

    const again = await initSession(server, "e2e-browser-0001");
    expect(again.session_id).toBe(session.session_id);
    const first = await WsClient.connect(server, again.session_id, again.visitor_token);
    const second = await WsClient.connect(server, again.session_id, again.visitor_token, history.messages.at(-1)!.seq);
    expect(first.hello.messages.map((m) => m.id)).toEqual(history.messages.map((m) => m.id));
    expect(second.hello.messages).toEqual([]);

    // Local objects hibernate after about ten seconds without events.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    first.send({ type: "message", client_msg_id: "after-idle", content: "Still there?" });
    const [a, b] = await Promise.all([
      first.next("message", (f) => f.message.client_msg_id === "after-idle"),
      second.next("message", (f) => f.message.client_msg_id === "after-idle"),
    ]);
    expect(a.message.id).toBe(b.message.id);
    expect(a.message.seq).toBe(history.messages.at(-1)!.seq + 1);
    first.end();
    second.end();
  });
});
