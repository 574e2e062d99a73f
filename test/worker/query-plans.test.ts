import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { toHex } from "../../src/lib/encoding";
import { hmacSha256 } from "../../src/lib/hmac";
import { AgentRoom, agentRequest, createAgent, DashboardSocket } from "./agents";
import { runCron } from "./cron";
import { createSite, request, startSession } from "./helpers";

type Sent = { sql: string; params: unknown[] };

/** Records every statement this isolate sends to D1 (the objects' too) while `work` runs. */
async function statementsOf(work: () => Promise<void>): Promise<Sent[]> {
  const session = Object.getPrototypeOf(env.DB.withSession()) as { _send: (...args: unknown[]) => Promise<unknown> };
  const send = session._send;
  const sent: Sent[] = [];
  session._send = async function recorded(this: unknown, ...args: unknown[]) {
    const [, query, params] = args as [string, string | string[], unknown[] | unknown[][]];
    if (Array.isArray(query)) query.forEach((sql, i) => sent.push({ sql, params: (params as unknown[][])[i] ?? [] }));
    else sent.push({ sql: query, params: params as unknown[] });
    return send.apply(this, args);
  };
  try {
    await work();
  } finally {
    session._send = send;
  }
  return sent;
}

/** Tables that grow with a workspace's traffic: reading one whole is what no query may do. */
const LARGE_TABLES = [
  "conversations",
  "visitors",
  "escalations",
  "members",
  "auth_sessions",
  "auth_session_rooms",
  "conversation_facts",
  "report_buckets",
];

describe("query plans (EXPLAIN QUERY PLAN)", () => {
  it("reads no workspace-sized table whole, in any query the inbox, the visitor panel, the look-ups and the Cron's sweeps run", async () => {
    const site = await createSite({ identitySecret: "plans-secret" });
    const agent = await createAgent(site, { name: "Sam" });
    const admin = await createAgent(site, { role: "admin" });
    const visitors = await Promise.all([startSession(site), startSession(site), startSession(site)]);
    for (const visitor of visitors) {
      await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "hello" } });
    }
    const room = await AgentRoom.open(visitors[0]!.session_id, agent);
    room.send({ type: "message", client_msg_id: "plan-1", content: "Sam here" });
    await room.next("message", (f) => f.message.client_msg_id === "plan-1");
    const dashboard = await DashboardSocket.open(agent);
    const target = { customer_id: visitors[1]!.visitor_id, page_id: site.siteId };
    await dashboard.request({ type: "assign_agent", data: target }, "agent_assigned");
    await dashboard.request({ type: "close_session", data: target }, "session_closed");
    const user_hash = toHex(await hmacSha256("plans-secret", "plans-user"));
    await request(`/api/widget/${site.siteKey}/identify`, { token: visitors[1]!.visitor_token, body: { user_id: "plans-user", user_hash } });

    const statements = await statementsOf(async () => {
      for (const filter of ["waiting", "mine", "open", "bot", "closed", "all"]) {
        const first = (await (await agentRequest(`/api/conversations?filter=${filter}&limit=1`, { cookie: agent.cookie })).json()) as {
          next_cursor: string | null;
        };
        const cursor = first.next_cursor ? `&cursor=${first.next_cursor}` : "";
        await agentRequest(`/api/conversations?filter=${filter}&limit=1&site_id=${site.siteId}${cursor}`, { cookie: agent.cookie });
      }
      await agentRequest(`/api/conversations/${visitors[0]!.session_id}`, { cookie: agent.cookie });
      await agentRequest(`/api/chat/user/${visitors[0]!.visitor_id}/conversations`, { cookie: agent.cookie });
      await request(`/api/chat/user/${visitors[2]!.visitor_id}/conversations`, { token: visitors[2]!.visitor_token });
      await request("/api/chat/user/plans-user/conversations", { token: visitors[1]!.visitor_token });
      await agentRequest(`/api/chat/${visitors[0]!.session_id}/escalations`, { cookie: agent.cookie });
      await agentRequest("/api/agents", { cookie: agent.cookie });
      await agentRequest("/api/sites", { cookie: agent.cookie });
      const today = new Date().toISOString().slice(0, 10);
      await agentRequest(`/api/reports/summary?from=${today}&to=${today}&site_id=${site.siteId}`, { cookie: agent.cookie });
      await agentRequest(`/api/reports/summary?from=${today}&to=${today}`, { cookie: admin.cookie });
      await runCron();
    });

    const reads = statements.filter((statement) => /^\s*select/i.test(statement.sql));
    expect(reads.length).toBeGreaterThan(15);
    const scans: string[] = [];
    for (const { sql, params } of reads) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      for (const { detail } of plan.results) {
        const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
        if (scanned && LARGE_TABLES.includes(scanned)) scans.push(`${detail}\n    in: ${sql}`);
      }
    }
    expect(scans).toEqual([]);
  });
});
