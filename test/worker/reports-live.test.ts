import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { HEALTH_OBJECT } from "../../src/routes/health";
import { SYSTEM_EVENTS, type HistoryResponse, type ReportSummary } from "../../src/protocol";
import { agentRequest, createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession, TestSocket } from "./helpers";
import { REPORTED } from "./reported";

/**
 * The live path of the report figures (SPEC §11): real actions write the fact row and the
 * buckets the summary is computed from (reports.test.ts does the arithmetic on scripted rows).
 */

interface FactRow {
  started_at: number | null;
  escalated_at: number | null;
  first_human_reply_at: number | null;
  closed_at: number | null;
  assignee_id: string | null;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: number | null;
}

const factOf = (conversationId: string) =>
  env.DB.prepare("SELECT * FROM conversation_facts WHERE conversation_id = ?").bind(conversationId).first<FactRow>();

const bucketTotals = (siteId: string) =>
  env.DB.prepare(
    `SELECT agent_id, sum(user_messages) AS user, sum(agent_messages) AS agent, sum(bot_messages) AS bot,
       sum(connection_successes) AS opened, sum(connection_failures) AS failed
     FROM report_buckets WHERE site_id = ? GROUP BY agent_id ORDER BY agent_id`,
  )
    .bind(siteId)
    .all<{ agent_id: string; user: number; agent: number; bot: number; opened: number; failed: number }>();

const today = () => new Date().toISOString().slice(0, 10);

describe("report figures from real actions (SPEC §11)", () => {
  it("writes the fact row on each state change, the buckets with it, and takes one rating per closing", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site, { name: "Sam" });
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const chat = (path: string, body: unknown, token = visitor.visitor_token) => request(`/api/chat/${visitor.session_id}/${path}`, { token, body });

    socket.send({ type: "message", client_msg_id: "hi", content: "hello" });
    await socket.next("message", (f) => f.message.sender_type === "bot");
    await vi.waitFor(async () => expect((await factOf(visitor.session_id))?.started_at).toEqual(expect.any(Number)), REPORTED);

    // Not closed yet: nothing to rate.
    expect((await chat("rating", { score: 5 })).status).toBe(409);

    expect((await chat("escalate", { reason: "a human please" })).status).toBe(201);
    const escalated = await factOf(visitor.session_id);
    expect(escalated!.escalated_at).toBeGreaterThanOrEqual(escalated!.started_at!);
    expect(escalated!.first_human_reply_at).toBeNull();

    const reply = await agentRequest(`/api/chat/${visitor.session_id}/messages`, { cookie: sam.cookie, body: { content: "Sam here" } });
    expect(reply.status).toBe(201);
    const replyAt = Date.parse(((await reply.json()) as { timestamp: string }).timestamp);
    await vi.waitFor(async () => expect((await factOf(visitor.session_id))?.first_human_reply_at).toBe(replyAt), REPORTED);

    const dashboard = await DashboardSocket.open(sam);
    await dashboard.request({ type: "close_session", data: { customer_id: visitor.visitor_id, page_id: site.siteId } }, "session_closed");
    await socket.next("status", (f) => f.status === "closed");
    await vi.waitFor(async () => expect((await factOf(visitor.session_id))?.closed_at).toEqual(expect.any(Number)), REPORTED);
    const closed = (await factOf(visitor.session_id))!;
    expect(closed).toMatchObject({ escalated_at: escalated!.escalated_at, first_human_reply_at: replyAt, assignee_id: sam.id, rating_score: null });
    // The close flushed the counted messages: the bot's and the visitor's before Sam, Sam's own for him.
    expect((await bucketTotals(site.siteId)).results).toEqual([
      { agent_id: "", user: 1, agent: 0, bot: 1, opened: 1, failed: 0 },
      { agent_id: sam.id, user: 0, agent: 1, bot: 0, opened: 0, failed: 0 },
    ]);

    // Only the visitor rates, once per closing.
    expect((await agentRequest(`/api/chat/${visitor.session_id}/rating`, { cookie: sam.cookie, body: { score: 1 } })).status).toBe(403);
    expect((await chat("rating", { score: 6 })).status).toBe(400);
    const rated = await chat("rating", { score: 4, comment: "Quick and kind" });
    expect(rated.status).toBe(201);
    const { rating } = (await rated.json()) as { rating: { score: number; comment: string; created_at: string } };
    expect(rating).toMatchObject({ score: 4, comment: "Quick and kind" });
    expect((await chat("rating", { score: 1 })).status).toBe(409);
    const line = await socket.next("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.rated);
    expect(line.message).toMatchObject({ sender_type: "system", metadata: { event: "rated", score: 4, comment: "Quick and kind" } });
    const history = (await (await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token })).json()) as HistoryResponse;
    expect(history.messages.at(-1)?.metadata).toMatchObject({ event: "rated", score: 4 });
    expect(await factOf(visitor.session_id)).toMatchObject({ rating_score: 4, rating_comment: "Quick and kind", rated_at: Date.parse(rating.created_at) });

    // The widget fell back to polling once: one failed connect beside the one socket opened.
    expect((await chat("connection-failed", { transport_fallback: "polling" })).status).toBe(204);
    expect((await agentRequest(`/api/chat/${visitor.session_id}/connection-failed`, { cookie: sam.cookie, body: { transport_fallback: "polling" } })).status).toBe(403);

    const response = await agentRequest(`/api/reports/summary?from=${today()}&to=${today()}`, { cookie: admin.cookie });
    const { totals } = (await response.json()) as ReportSummary;
    const seconds = (ms: number) => Math.round(ms / 1000);
    expect(totals).toEqual({
      conversations: 1,
      active_conversations: 1,
      messages: 3,
      messages_by_sender: { user: 1, agent: 1, bot: 1 },
      escalations: 1,
      escalation_rate: 1,
      first_response_s: { p50: seconds(replyAt - escalated!.escalated_at!), p90: seconds(replyAt - escalated!.escalated_at!) },
      resolution_s: { p50: seconds(closed.closed_at! - escalated!.escalated_at!), p90: seconds(closed.closed_at! - escalated!.escalated_at!) },
      connection_success_rate: 0.5,
      csat: { count: 1, average: 4 },
    });

    // Reopened and closed again: the new closing may be rated again, and that rating counts.
    socket.send({ type: "message", client_msg_id: "back", content: "one more thing" });
    await socket.next("status", (f) => f.status !== "closed");
    // The lobby lists the reopened session once the visitor's report reaches it.
    const close = { type: "close_session", data: { customer_id: visitor.visitor_id, page_id: site.siteId } };
    await vi.waitFor(() => dashboard.request(close, "session_closed", 1_000), { timeout: 10_000 });
    await vi.waitFor(async () => expect((await factOf(visitor.session_id))!.closed_at).toBeGreaterThan(closed.closed_at!), REPORTED);
    expect((await chat("rating", { score: 2 })).status).toBe(201);
    expect(await factOf(visitor.session_id)).toMatchObject({ rating_score: 2, rating_comment: null });
    dashboard.end();
    socket.end();
  });

  it("/health makes a D1 and a Durable Object round trip", async () => {
    const response = await request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok", durable_object: "ok", durable_object_ms: expect.any(Number) });
    // The round trip describes no conversation to the object it asks.
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(HEALTH_OBJECT));
    expect(await runInDurableObject(stub, (_, state) => state.storage.kv.get("ref"))).toBeUndefined();
  });
});
