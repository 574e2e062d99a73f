import type { MeResponse, ReportSummary } from "@parley/protocol";
import { useEffect } from "preact/hooks";
import { Icon } from "../../components/icon/Icon";
import { ReportChart } from "../../components/report-chart/ReportChart";
import { ReportTable } from "../../components/report-table/ReportTable";
import { csvHref, loadReport, rangeProblem, reportLoad, reportQuery, reportTimeZone } from "../../state/reports";
import { ReportFilters } from "./ReportFilters";
import { REPORT_CHARTS } from "./report-charts";
import { ReportTotals } from "./ReportTotals";
import "./reports-page.css";

/** Whose figures these are, in words: the server scopes them by role (SPEC §5). */
function scopeOf(me: MeResponse): string {
  return me.agent.role === "admin"
    ? `Figures for the whole ${me.workspace.name} workspace.`
    : "Figures for your conversations: the ones you were the last agent to handle. Connection success is measured for the whole workspace, so only admins see it.";
}

function Charts({ summary }: { summary: ReportSummary }) {
  return (
    <>
      <ReportTotals totals={summary.totals} />
      <div class="reports__charts">
        {REPORT_CHARTS.map((spec) => (
          <section class="reports__card" key={spec.id} aria-labelledby={`report-${spec.id}`}>
            <h2 class="reports__card-title" id={`report-${spec.id}`}>
              {spec.title}
            </h2>
            <p class="reports__card-description">{spec.description}</p>
            <ReportChart spec={spec} days={summary.days} />
            <ReportTable spec={spec} days={summary.days} totals={summary.totals} />
          </section>
        ))}
      </div>
    </>
  );
}

/**
 * How support is doing (SPEC §11): headline totals, then a chart per figure with its table, for
 * a range of days in the viewer's time zone and one site or all. Loaded, with uPlot, only when
 * `#/reports` is first opened; the workspace socket, alerts and presence carry on meanwhile.
 */
export function ReportsPage({ me }: { me: MeResponse }) {
  const query = reportQuery.value;
  const problem = rangeProblem.value;
  useEffect(() => {
    if (!problem) void loadReport(query);
  }, [query, problem]);

  const load = reportLoad.value;
  const summary = load.status === "ready" ? load.summary : load.status === "loading" ? load.previous : null;
  return (
    <main class="reports" id="reports" aria-busy={load.status === "loading"}>
      <div class="reports__inner">
        <header class="reports__header">
          <div>
            <h1 class="reports__title">Reports</h1>
            <p class="reports__scope">
              {scopeOf(me)} Days run midnight to midnight in {reportTimeZone}.
            </p>
          </div>
          {problem ? (
            <button type="button" class="button" disabled>
              <Icon name="arrowDown" />
              Export CSV
            </button>
          ) : (
            <a class="button" href={csvHref.value} download>
              <Icon name="arrowDown" />
              Export CSV
            </a>
          )}
        </header>
        <ReportFilters />
        <p class="reports__status" role="status">
          {load.status === "loading" ? (summary ? "Updating…" : "Loading the figures…") : ""}
        </p>
        {load.status === "failed" && (
          <div class="reports__failed" role="alert">
            <p>The figures did not load: {load.message}</p>
            <button type="button" class="button" onClick={() => void loadReport(query)}>
              Try again
            </button>
          </div>
        )}
        {summary && <Charts summary={summary} />}
      </div>
    </main>
  );
}
