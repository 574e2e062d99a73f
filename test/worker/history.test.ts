import { describe, expect, it } from "vitest";
import type { HistoryResponse } from "../../src/protocol";
import { AgentRoom, agentRequest, createAgent } from "./agents";
import { createSite, request, startSession, TestSocket } from "./helpers";

async function history(sessionId: string, token: string, query: string): Promise<HistoryResponse> {
  const response = await request(`/api/chat/${sessionId}/history${query}`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as HistoryResponse;
}

describe("GET /api/chat/:id/history", () => {
  it("pages backwards with before and forwards with after, oldest first", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const agent = await createAgent(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    // Two people, each within their message budget: more than a page of history.
    for (let i = 0; i < 25; i++) socket.send({ type: "message", client_msg_id: `h-${i}`, content: `message ${i}` });
    await socket.next("message", (f) => f.message.client_msg_id === "h-24");
    const room = await AgentRoom.open(visitor.session_id, agent);
    for (let i = 0; i < 25; i++) room.send({ type: "message", client_msg_id: `r-${i}`, content: `reply ${i}` });
    await socket.until(() => socket.of("message").length === 52, "every message");
    const total = 52; // 50 messages, the escalation note of the first and the "joined" note of the first reply

    const latest = await history(visitor.session_id, visitor.visitor_token, "");
    expect(latest.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => total - 49 + i));
    expect(latest).toMatchObject({ conversation_id: visitor.session_id, count: 50, has_more: true });

    const older = await history(visitor.session_id, visitor.visitor_token, `?before=${total - 29}&limit=20`);
    expect(older.messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    expect(older.has_more).toBe(true);
    const oldest = await history(visitor.session_id, visitor.visitor_token, "?before=3&limit=20");
    expect(oldest.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(oldest.has_more).toBe(false);

    const forward = await history(visitor.session_id, visitor.visitor_token, "?after=46&limit=3");
    expect(forward.messages.map((m) => m.seq)).toEqual([47, 48, 49]);
    expect(forward.has_more).toBe(true);
    const tail = await history(visitor.session_id, visitor.visitor_token, "?after=49&limit=10");
    expect(tail.messages.map((m) => m.seq)).toEqual([50, 51, 52]);
    expect(tail.has_more).toBe(false);
    expect(tail.messages.every((m) => m.conversation_id === visitor.session_id && !Number.isNaN(Date.parse(m.timestamp)))).toBe(true);
  });

  it("refuses nonsense queries with 400", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    for (const query of ["?limit=0", "?limit=abc", "?before=-1", "?after=1&before=5", "?limit=100000"]) {
      const response = await request(`/api/chat/${visitor.session_id}/history${query}`, { token: visitor.visitor_token });
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
    }
  });
});

describe("POST /api/chat/:id/messages", () => {
  it("returns 201 for a new message and 200 with the same message for a repeat", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const body = { content: "  Hello there  ", client_msg_id: "rest-1", metadata: { page: "/pricing" } };
    const first = await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body });
    expect(first.status).toBe(201);
    const message = await first.json();
    expect(message).toMatchObject({
      seq: 1,
      conversation_id: visitor.session_id,
      sender_id: visitor.visitor_id,
      sender_type: "user",
      content: "Hello there",
      client_msg_id: "rest-1",
      metadata: { page: "/pricing" },
    });
    const repeat = await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(message);
  });

  it("stores one message when a repeat arrives while the first waits on the lobby (an agent's claim)", async () => {
    const site = await createSite({ botEnabled: false });
    const agent = await createAgent(site);
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "anyone?" } });
    // The first waits on the lobby's claim while the repeat arrives: it must find the first's message.
    const body = { content: "On it", client_msg_id: "agent-1" };
    const post = () => agentRequest(`/api/chat/${visitor.session_id}/messages`, { cookie: agent.cookie, body });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    const [a, b] = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{ id: string; seq: number }>;
    expect(a).toEqual(b);
    const stored = (await history(visitor.session_id, visitor.visitor_token, "")).messages.filter((m) => m.client_msg_id === "agent-1");
    expect(stored).toHaveLength(1);
  });

  it("refuses empty, too long and malformed messages", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const post = (body: unknown) => request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body });
    const cases: Array<[unknown, number, string]> = [
      [{ content: "   " }, 400, "empty"],
      [{ content: "x".repeat(1001) }, 400, "too_long"],
      [{ content: 42 }, 400, "invalid_request"],
      [{ content: "hi", client_msg_id: "has space" }, 400, "invalid_request"],
      [{ content: "hi", metadata: { big: "x".repeat(3000) } }, 400, "invalid_metadata"],
      ["{oops", 400, "bad_json"],
    ];
    for (const [body, status, code] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    }
    const huge = await request(`/api/chat/${visitor.session_id}/messages`, {
      token: visitor.visitor_token,
      body: { content: "x".repeat(100_000) },
    });
    expect(huge.status).toBe(413);
    const history = await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token });
    expect(await history.json()).toMatchObject({ count: 0 });
  });
});
