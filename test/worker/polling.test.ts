import { describe, expect, it } from "vitest";
import type { Message, ServerFrameOf } from "../../src/protocol";
import { createSite, request, startSession, TestSocket } from "./helpers";

describe("the HTTP polling fallback", () => {
  it("chats without a socket: poll, FAQ click, send, read receipts", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const path = `/api/chat/${visitor.session_id}`;
    const watcher = await TestSocket.open(visitor.session_id, visitor.visitor_token);

    const empty = (await (await request(`${path}/poll`, { token: visitor.visitor_token })).json()) as ServerFrameOf<"hello">;
    expect(empty).toMatchObject({ type: "hello", messages: [], last_seq: 0, session: { id: visitor.session_id, status: "bot" } });

    const click = await request(`${path}/faq`, { token: visitor.visitor_token, body: { faq_id: site.faqIds[0], client_msg_id: "poll-faq" } });
    expect(click.status).toBe(201);
    expect(await click.json()).toMatchObject({ sender_type: "user", content: "How long does shipping take?" });
    const repeat = await request(`${path}/faq`, { token: visitor.visitor_token, body: { faq_id: site.faqIds[0], client_msg_id: "poll-faq" } });
    expect(repeat.status).toBe(201);

    const after = (await (await request(`${path}/poll?after_seq=1`, { token: visitor.visitor_token })).json()) as ServerFrameOf<"hello">;
    expect(after.messages.map((m: Message) => [m.seq, m.sender_type])).toEqual([[2, "bot"]]);
    expect(after.last_seq).toBe(2);

    expect((await request(`${path}/read`, { token: visitor.visitor_token, body: { seq: 2 } })).status).toBe(204);
    expect(await watcher.next("read")).toEqual({ type: "read", sender_type: "user", seq: 2 });

    const unknown = await request(`${path}/faq`, { token: visitor.visitor_token, body: { faq_id: "nope" } });
    expect(unknown.status).toBe(404);
    const badRead = await request(`${path}/read`, { token: visitor.visitor_token, body: { seq: -3 } });
    expect(badRead.status).toBe(400);
    expect(watcher.of("message")).toHaveLength(2);
  });
});
