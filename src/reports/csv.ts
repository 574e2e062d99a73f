import type { ReportFigures, ReportSummary } from "../protocol";

/** The CSV's columns: the JSON's fields, nested ones flattened with a dot. */
const COLUMNS: ReadonlyArray<[string, (row: ReportFigures) => number | null]> = [
  ["conversations", (r) => r.conversations],
  ["active_conversations", (r) => r.active_conversations],
  ["messages", (r) => r.messages],
  ["messages_by_sender.user", (r) => r.messages_by_sender.user],
  ["messages_by_sender.agent", (r) => r.messages_by_sender.agent],
  ["messages_by_sender.bot", (r) => r.messages_by_sender.bot],
  ["escalations", (r) => r.escalations],
  ["escalation_rate", (r) => r.escalation_rate],
  ["first_response_s.p50", (r) => r.first_response_s.p50],
  ["first_response_s.p90", (r) => r.first_response_s.p90],
  ["resolution_s.p50", (r) => r.resolution_s.p50],
  ["resolution_s.p90", (r) => r.resolution_s.p90],
  ["connection_success_rate", (r) => r.connection_success_rate],
  ["csat.count", (r) => r.csat.count],
  ["csat.average", (r) => r.csat.average],
];

/** What the last row's `date` cell says. */
export const TOTALS_LABEL = "total";

/** A number as JSON writes it; null (nothing to measure) as an empty cell. */
const cell = (value: number | null) => (value === null ? "" : JSON.stringify(value));

/**
 * `GET /api/reports/export.csv` (SPEC §5): the summary's rows, one per day and a last one for the
 * totals, with the same numbers as the JSON. Dates and numbers never need quoting.
 */
export function summaryCsv(summary: ReportSummary): string {
  const header = ["date", ...COLUMNS.map(([name]) => name)].join(",");
  const line = (date: string, row: ReportFigures) => [date, ...COLUMNS.map(([, pick]) => cell(pick(row)))].join(",");
  return [header, ...summary.days.map((day) => line(day.date, day)), line(TOTALS_LABEL, summary.totals)].join("\r\n") + "\r\n";
}
