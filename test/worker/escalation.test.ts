import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { SYSTEM_EVENTS, type Customer } from "../../src/protocol";
import { createSite, request, startSession, TestSocket, type TestSite } from "./helpers";
import { REPORTED } from "./reported";

async function stoppedCustomers(site: TestSite): Promise<{ customers: Customer[]; total: number }> {
  const lobby = env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));
  return (await lobby.stoppedCustomers({ agentId: "nobody", limit: 50, skip: 0 })) as { customers: Customer[]; total: number };
}

async function conversationRow(id: string) {
  return env.DB.prepare("SELECT status, state_version, started_at, last_seq, last_message_preview, waiting_since FROM conversations WHERE id = ?")
    .bind(id)
    .first<{ status: string; state_version: number; started_at: number | null; last_seq: number; last_message_preview: string; waiting_since: number | null }>();
}

describe("escalation", () => {
  it("moves the session to waiting, stores the escalation, and queues the customer in the lobby", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(socket.hello.session.status).toBe("bot");
    expect((await stoppedCustomers(site)).total).toBe(0);

    const response = await request(`/api/chat/${visitor.session_id}/escalate`, {
      token: visitor.visitor_token,
      body: { reason: "Order arrived damaged", metadata: { order: "A-1001" } },
    });
    expect(response.status).toBe(201);
    const escalation = await response.json();
    expect(escalation).toMatchObject({ conversation_id: visitor.session_id, reason: "Order arrived damaged", metadata: { order: "A-1001" } });

    expect(await socket.next("escalated")).toMatchObject({ escalation: { reason: "Order arrived damaged" } });
    expect(await socket.next("status")).toEqual({ type: "status", status: "waiting", agent: null });
    const note = await socket.next("message", (f) => f.message.sender_type === "system");
    expect(note.message.metadata).toMatchObject({ event: SYSTEM_EVENTS.escalated });

    const listed = await request(`/api/chat/${visitor.session_id}/escalations`, { token: visitor.visitor_token });
    expect(await listed.json()).toEqual({ conversation_id: visitor.session_id, escalations: [escalation], count: 1 });

    const row = await conversationRow(visitor.session_id);
    expect(row).toMatchObject({ status: "waiting" });
    expect(row!.state_version).toBeGreaterThan(0);
    expect(row!.waiting_since).toBeGreaterThan(0);

    const queue = await stoppedCustomers(site);
    expect(queue.total).toBe(1);
    expect(queue.customers[0]).toMatchObject({
      customer_id: visitor.visitor_id,
      page_id: site.siteId,
      page_name: "Test Shop",
      session_id: visitor.session_id,
      status: "waiting",
      is_assigned: false,
      escalation_reason: "Order arrived damaged",
    });
    expect(queue.customers[0]!.customer_name).toMatch(/^Visitor [0-9A-F]{4}$/);
  });

  it("escalates over the socket, and a second escalation adds a record but no second note", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    socket.send({ type: "escalate", reason: "Talk to a human" });
    await socket.next("status", (f) => f.status === "waiting");
    socket.send({ type: "escalate" });
    await socket.next("escalated", () => socket.of("escalated").length === 2);
    // The object answers load_older after it has handled the escalation before it.
    socket.send({ type: "load_older", before: 1 });
    await socket.nextNew("older");
    expect(socket.of("message").filter((f) => f.message.sender_type === "system")).toHaveLength(1);
    const listed = (await (await request(`/api/chat/${visitor.session_id}/escalations`, { token: visitor.visitor_token })).json()) as {
      count: number;
    };
    expect(listed.count).toBe(2);
    expect((await stoppedCustomers(site)).total).toBe(1);
  });
});

describe("the FAQ bot", () => {
  it("answers a FAQ click through the server: question from the visitor, answer from the bot", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    socket.send({ type: "faq", faq_id: site.faqIds[1], client_msg_id: "faq-1" });
    const [question, answer] = await socket.messages(2);
    expect(question).toMatchObject({ sender_type: "user", content: "What is your return policy?", client_msg_id: "faq-1" });
    expect(answer).toMatchObject({
      sender_type: "bot",
      content: "Returns are free within 30 days.",
      metadata: { faq_id: site.faqIds[1], actions: [{ type: "escalate", label: "Talk to a human" }] },
    });
    socket.send({ type: "faq", faq_id: site.faqIds[1], client_msg_id: "faq-1" });
    socket.send({ type: "faq", faq_id: "not-a-faq" });
    expect(await socket.next("error")).toMatchObject({ code: "not_found" });
    expect(socket.of("message")).toHaveLength(2);
    expect(socket.hello.session.status).toBe("bot");
  });

  it("answers free text that matches a FAQ, offers a human for text that matches none, and escalates when asked in words", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    socket.send({ type: "message", client_msg_id: "q1", content: "how long is shipping to Berlin?" });
    const [, answer] = await socket.messages(2);
    expect(answer).toMatchObject({ sender_type: "bot", content: "Orders ship within 2 business days." });
    await vi.waitFor(async () => expect(await conversationRow(visitor.session_id)).toMatchObject({ status: "bot", last_seq: 2 }), REPORTED);
    expect((await stoppedCustomers(site)).total).toBe(0);

    // No match no longer escalates (issue 10): the bot offers a human and keeps the session.
    socket.send({ type: "message", client_msg_id: "q2", content: "My invoice shows the wrong company name" });
    const [, , , offer] = await socket.messages(4);
    expect(offer).toMatchObject({ sender_type: "bot", metadata: { reply: "no_match", actions: [{ type: "escalate", label: "Talk to a human" }] } });
    await vi.waitFor(async () => expect(await conversationRow(visitor.session_id)).toMatchObject({ status: "bot", last_seq: 4 }), REPORTED);
    expect((await stoppedCustomers(site)).total).toBe(0);
    expect(socket.of("status")).toHaveLength(0);

    socket.send({ type: "message", client_msg_id: "q3", content: "can I talk to a person?" });
    await socket.next("status", (f) => f.status === "waiting");
    const note = await socket.next("message", (f) => f.message.sender_type === "system");
    expect(note.message.metadata).toMatchObject({ event: SYSTEM_EVENTS.escalated, reason: "The visitor asked for a human" });
    await vi.waitFor(async () =>
      expect((await stoppedCustomers(site)).customers[0]).toMatchObject({ status: "waiting", escalation_reason: "The visitor asked for a human" }),
    );

    socket.send({ type: "message", client_msg_id: "q4", content: "shipping?" });
    const q4 = await socket.next("message", (f) => f.message.client_msg_id === "q4");
    // The turn's index write is its last step: once D1 shows q4, the bot has had its say.
    await vi.waitFor(async () => expect((await conversationRow(visitor.session_id))!.last_seq).toBeGreaterThanOrEqual(q4.message.seq), REPORTED);
    expect(socket.of("message").filter((f) => f.message.sender_type === "bot")).toHaveLength(2);
  });

  it("hands every first message to a human when the site has the bot off", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "shipping?" } });
    expect(await conversationRow(visitor.session_id)).toMatchObject({ status: "waiting" });
    expect((await stoppedCustomers(site)).customers[0]).toMatchObject({ escalation_reason: "New conversation" });
  });
});

describe("the agents' list", () => {
  it("gets a session at its first visitor message, not at a bare page view", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    expect(await conversationRow(visitor.session_id)).toMatchObject({ started_at: null, last_seq: 0 });
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "shipping time?" } });
    const row = await conversationRow(visitor.session_id);
    expect(row!.started_at).toBeGreaterThan(0);
    expect(row).toMatchObject({ last_seq: 2, last_message_preview: "Orders ship within 2 business days." });
  });
});
