import { Hono, type Context } from "hono";
import { bucketsFor, factsFor, type ReportScope } from "../db/queries/report-facts";
import type { AppEnv } from "../env";
import { requireAgent } from "../middleware/caller";
import { parseWith } from "../middleware/validate";
import { ReportQuerySchema, type ReportSummary } from "../protocol";
import { summaryCsv } from "../reports/csv";
import { daysOf } from "../reports/days";
import { summarize } from "../reports/summary";

/**
 * Reports (SPEC §5, §11). An admin sees the workspace (or one of its sites). An agent sees their
 * own figures: the conversations whose last handling agent they are (the fact rows' assignee),
 * and the messages counted while a conversation was assigned to them (buckets carry the agent);
 * sockets open before anyone is assigned, so connection figures are the workspace's, and an
 * agent's `connection_success_rate` is null. Nothing of another workspace is ever read.
 */
export const reportRoutes = new Hono<AppEnv>();

reportRoutes.use("*", requireAgent);

async function summaryOf(c: Context<AppEnv>): Promise<{ summary: ReportSummary; from: string; to: string }> {
  const query = parseWith(ReportQuerySchema, c.req.query());
  const { agent } = c.var.agent;
  const scope: ReportScope = {
    workspaceId: agent.workspaceId,
    siteId: query.site_id,
    agentId: agent.role === "admin" ? undefined : agent.id,
  };
  const days = daysOf(query.from, query.to, query.tz);
  const start = days[0]?.start ?? 0;
  const end = days.at(-1)?.end ?? 0;
  const [facts, buckets] = await Promise.all([factsFor(c.var.db, scope, start, end), bucketsFor(c.var.db, scope, start, end)]);
  return { summary: summarize(days, facts, buckets), from: query.from, to: query.to };
}

reportRoutes.get("/summary", async (c) => c.json((await summaryOf(c)).summary));

reportRoutes.get("/export.csv", async (c) => {
  const { summary, from, to } = await summaryOf(c);
  return c.body(summaryCsv(summary), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="parley-report-${from}-to-${to}.csv"`,
  });
});
