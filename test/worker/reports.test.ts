import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportFigures, ReportSummary } from "../../src/protocol";
import { agentRequest, createAgent, type TestAgent } from "./agents";
import { createSite, type TestSite } from "./helpers";

/**
 * A scripted day of figures, written as the ChatSessions write them (fact rows and 15-minute
 * buckets), read back as SPEC §5's summary in UTC and in Asia/Kolkata (+5:30), whose days split
 * the same rows differently. The live path that writes these rows is reports-live.test.ts.
 */

const MIN = 60_000;
const DAY = Date.UTC(2026, 2, 10);
const at = (hours: number, minutes = 0) => DAY + hours * 60 * MIN + minutes * MIN;

interface Fact {
  startedAt: number;
  escalatedAt?: number;
  replyAt?: number;
  closedAt?: number;
  assignee?: "sam" | "kim";
  rating?: [score: number, at: number];
  site?: "second";
}

/**
 * c1..c5 on the first site; c5 starts the evening before in UTC, which is the same day in Kolkata;
 * c4 starts at 20:00 UTC, which is 01:30 the next day in Kolkata. c6 is on a second site.
 */
const FACTS: Fact[] = [
  { startedAt: at(1), escalatedAt: at(1), replyAt: at(1, 2), closedAt: at(1, 30), assignee: "sam", rating: [5, at(1, 35)] },
  { startedAt: at(10), escalatedAt: at(10, 5), replyAt: at(10, 6), closedAt: at(11, 5), assignee: "kim", rating: [3, at(11, 10)] },
  { startedAt: at(15), closedAt: at(15, 10) },
  { startedAt: at(20), escalatedAt: at(20), replyAt: at(20, 10), closedAt: at(20, 40), assignee: "sam", rating: [4, at(20, 45)] },
  { startedAt: at(-2), escalatedAt: at(-2), replyAt: at(-2, 3), closedAt: at(-2, 33), assignee: "kim" },
  { startedAt: at(12), site: "second" },
];

/** [bucket start, agent, user, agent, bot messages, sockets opened, failed connects] */
type Bucket = [number, "sam" | "kim" | "", number, number, number, number, number, ("second" | undefined)?];
const BUCKETS: Bucket[] = [
  [at(1), "sam", 3, 2, 1, 0, 0],
  [at(1), "", 0, 0, 0, 2, 0],
  [at(10), "kim", 4, 3, 0, 0, 0],
  [at(10), "", 0, 0, 0, 1, 1],
  [at(15), "", 1, 0, 2, 0, 0],
  [at(20), "sam", 2, 2, 0, 0, 0],
  [at(20), "", 0, 0, 0, 1, 1],
  [at(-2), "kim", 1, 1, 0, 0, 0],
  [at(-2), "", 0, 0, 0, 1, 0],
  // 23:45 and 00:00 in Kolkata: the last bucket of its 10 March and the first of its 11 March.
  [at(18, 15), "", 1, 0, 0, 0, 0],
  [at(18, 30), "", 1, 0, 0, 0, 0],
  [at(12), "", 5, 0, 0, 0, 0, "second"],
];

let site: TestSite;
let admin: TestAgent;
let sam: TestAgent;
let secondSiteId: string;

beforeAll(async () => {
  site = await createSite();
  admin = await createAgent(site, { role: "admin" });
  sam = await createAgent(site, { name: "Sam" });
  const kim = await createAgent(site, { name: "Kim" });
  secondSiteId = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO sites (id, workspace_id, site_key, name, created_at, updated_at) VALUES (?, ?, ?, 'Second', 0, 0)",
  ).bind(secondSiteId, site.workspaceId, `site-${secondSiteId.slice(0, 8)}`).run();
  const agentIds = { sam: sam.id, kim: kim.id, "": "" };
  await env.DB.batch([
    ...FACTS.map((f) =>
      env.DB.prepare(
        `INSERT INTO conversation_facts (conversation_id, workspace_id, site_id, started_at, escalated_at, first_human_reply_at,
           closed_at, assignee_id, state_version, rating_score, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ).bind(
        crypto.randomUUID(),
        site.workspaceId,
        f.site ? secondSiteId : site.siteId,
        f.startedAt,
        f.escalatedAt ?? null,
        f.replyAt ?? null,
        f.closedAt ?? null,
        f.assignee ? agentIds[f.assignee] : null,
        f.rating?.[0] ?? null,
        f.rating?.[1] ?? null,
      ),
    ),
    ...BUCKETS.map(([start, agent, user, agentMessages, bot, opened, failed, which]) =>
      env.DB.prepare(
        `INSERT INTO report_buckets (workspace_id, site_id, agent_id, bucket_start, user_messages, agent_messages, bot_messages,
           connection_successes, connection_failures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(site.workspaceId, which ? secondSiteId : site.siteId, agentIds[agent], start, user, agentMessages, bot, opened, failed),
    ),
  ]);
});

async function summary(agent: TestAgent, query: string): Promise<ReportSummary> {
  const response = await agentRequest(`/api/reports/summary?${query}`, { cookie: agent.cookie });
  expect(response.status).toBe(200);
  return (await response.json()) as ReportSummary;
}

function figures(values: {
  conversations: number;
  active: number;
  messages: [user: number, agent: number, bot: number];
  escalations: number;
  rate: number | null;
  firstResponse: [number | null, number | null];
  resolution: [number | null, number | null];
  connections: number | null;
  csat: [number, number | null];
}): ReportFigures {
  const [user, agent, bot] = values.messages;
  return {
    conversations: values.conversations,
    active_conversations: values.active,
    messages: user + agent + bot,
    messages_by_sender: { user, agent, bot },
    escalations: values.escalations,
    escalation_rate: values.rate,
    first_response_s: { p50: values.firstResponse[0], p90: values.firstResponse[1] },
    resolution_s: { p50: values.resolution[0], p90: values.resolution[1] },
    connection_success_rate: values.connections,
    csat: { count: values.csat[0], average: values.csat[1] },
  };
}

const UTC_DAY = figures({
  conversations: 4,
  active: 4,
  messages: [12, 7, 3],
  escalations: 3,
  rate: 0.75,
  firstResponse: [120, 600],
  resolution: [2400, 3600],
  connections: 0.6667,
  csat: [3, 4],
});

describe("reports summary (SPEC §5, §11)", () => {
  it("gives exactly the scripted day's figures in UTC, for one site", async () => {
    const utc = await summary(admin, `from=2026-03-10&to=2026-03-10&tz=UTC&site_id=${site.siteId}`);
    expect(utc).toEqual({ days: [{ date: "2026-03-10", ...UTC_DAY }], totals: UTC_DAY });
  });

  it("splits the same rows into Kolkata's days (+5:30): midnight there is 18:30 UTC", async () => {
    const kolkata = await summary(admin, `from=2026-03-10&to=2026-03-11&tz=Asia/Kolkata&site_id=${site.siteId}`);
    const tenth = figures({
      conversations: 4,
      active: 4,
      messages: [10, 6, 3],
      escalations: 3,
      rate: 0.75,
      firstResponse: [120, 180],
      resolution: [1980, 3600],
      connections: 0.8,
      csat: [2, 4],
    });
    const eleventh = figures({
      conversations: 1,
      active: 1,
      messages: [3, 2, 0],
      escalations: 1,
      rate: 1,
      firstResponse: [600, 600],
      resolution: [2400, 2400],
      connections: 0.5,
      csat: [1, 4],
    });
    const totals = figures({
      conversations: 5,
      active: 5,
      messages: [13, 8, 3],
      escalations: 4,
      rate: 0.8,
      firstResponse: [120, 600],
      resolution: [1980, 3600],
      connections: 0.7143,
      csat: [3, 4],
    });
    expect(kolkata).toEqual({ days: [{ date: "2026-03-10", ...tenth }, { date: "2026-03-11", ...eleventh }], totals });
  });

  it("counts every site of the workspace without a site filter", async () => {
    const all = await summary(admin, "from=2026-03-10&to=2026-03-10&tz=UTC");
    expect(all.totals).toMatchObject({ conversations: 5, active_conversations: 5, messages: 27, escalations: 3, escalation_rate: 0.6 });
  });

  it("shows an agent only their own conversations and the messages counted while assigned to them, with no connection figures", async () => {
    const own = figures({
      conversations: 2,
      active: 2,
      messages: [5, 4, 1],
      escalations: 2,
      rate: 1,
      firstResponse: [120, 600],
      resolution: [1800, 2400],
      connections: null,
      csat: [2, 4.5],
    });
    expect((await summary(sam, "from=2026-03-10&to=2026-03-10&tz=UTC")).totals).toEqual(own);
    // Asking for a site narrows the agent's own figures; it never widens them.
    expect((await summary(sam, `from=2026-03-10&to=2026-03-10&site_id=${site.siteId}`)).totals).toEqual(own);
    expect((await summary(sam, `from=2026-03-10&to=2026-03-10&site_id=${secondSiteId}`)).totals.conversations).toBe(0);
  });

  it("shows another workspace nothing, even when it names this workspace's site", async () => {
    const stranger = await createAgent(await createSite(), { role: "admin" });
    const empty = figures({
      conversations: 0,
      active: 0,
      messages: [0, 0, 0],
      escalations: 0,
      rate: null,
      firstResponse: [null, null],
      resolution: [null, null],
      connections: null,
      csat: [0, null],
    });
    expect(await summary(stranger, `from=2026-03-10&to=2026-03-10&site_id=${site.siteId}`)).toEqual({
      days: [{ date: "2026-03-10", ...empty }],
      totals: empty,
    });
  });

  it("counts a rating given in the range for a conversation closed before it, and nothing else of that conversation", async () => {
    const shop = await createSite();
    const owner = await createAgent(shop, { role: "admin" });
    const fact = (closedAt: number, rating: [number, number] | null) =>
      env.DB.prepare(
        `INSERT INTO conversation_facts (conversation_id, workspace_id, site_id, started_at, escalated_at, closed_at, state_version, rating_score, rated_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ).bind(crypto.randomUUID(), shop.workspaceId, shop.siteId, closedAt - 30 * MIN, closedAt - 30 * MIN, closedAt, rating?.[0] ?? null, rating?.[1] ?? null);
    // Both closed the evening before; one was rated in the morning, the other long before.
    await env.DB.batch([fact(at(-3), [2, at(8)]), fact(at(-3), [5, at(-2)]), fact(at(-4), null)]);
    const totals = (await summary(owner, "from=2026-03-10&to=2026-03-10&tz=UTC")).totals;
    expect(totals).toMatchObject({ conversations: 0, active_conversations: 0, csat: { count: 1, average: 2 }, resolution_s: { p50: null } });
  });

  it("exports the same rows as CSV: a header, one row per day, a totals row, the JSON's numbers", async () => {
    const query = `from=2026-03-10&to=2026-03-11&tz=Asia/Kolkata&site_id=${site.siteId}`;
    const json = await summary(admin, query);
    const response = await agentRequest(`/api/reports/export.csv?${query}`, { cookie: admin.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="parley-report-2026-03-10-to-2026-03-11.csv"');
    const [header, ...rows] = (await response.text()).trimEnd().split("\r\n").map((line) => line.split(","));
    const flat = (row: ReportFigures) => [
      row.conversations, row.active_conversations, row.messages,
      row.messages_by_sender.user, row.messages_by_sender.agent, row.messages_by_sender.bot,
      row.escalations, row.escalation_rate, row.first_response_s.p50, row.first_response_s.p90,
      row.resolution_s.p50, row.resolution_s.p90, row.connection_success_rate, row.csat.count, row.csat.average,
    ].map((value) => (value === null ? "" : String(value)));
    expect(header![0]).toBe("date");
    expect(header).toContain("first_response_s.p90");
    expect(rows).toEqual([...json.days.map((day) => [day.date, ...flat(day)]), ["total", ...flat(json.totals)]]);
  });

  it("refuses bad queries with 400 naming the field, and anyone signed out with 401", async () => {
    const refused = async (query: string, field: string) => {
      const response = await agentRequest(`/api/reports/summary?${query}`, { cookie: admin.cookie });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message, query).toMatch(new RegExp(`^${field}:`));
    };
    await refused("from=2026-02-30&to=2026-03-01", "from");
    await refused("from=10/03/2026&to=2026-03-10", "from");
    await refused("from=2026-03-10", "to");
    await refused("from=2026-03-10&to=2026-03-09", "to");
    await refused("from=2025-01-01&to=2026-01-02", "to");
    await refused("from=2026-03-10&to=2026-03-10&tz=Mars/Olympus", "tz");
    const csv = await agentRequest("/api/reports/export.csv?from=2026-03-10&to=2026-03-09", { cookie: admin.cookie });
    expect(csv.status).toBe(400);
    // A full year (2024 has 366 days) is allowed.
    expect((await summary(admin, "from=2024-01-01&to=2024-12-31")).days).toHaveLength(366);
    expect((await agentRequest("/api/reports/summary?from=2026-03-10&to=2026-03-10")).status).toBe(401);
  });
});
