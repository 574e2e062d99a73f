import { computed, signal } from "@preact/signals";
import type { ReportSummary } from "@parley/protocol";
import { requestJson } from "../lib/http";
import { addDays, daysBetween, todayIn, viewerTimeZone } from "../lib/report-dates";

/** The range presets, in days ending today. */
export const REPORT_PRESETS = [7, 30, 60] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number] | "custom";

/** The server's limit (`REPORT_RANGE_MAX_DAYS`), checked here too so a wrong range is named before any request. */
const RANGE_MAX_DAYS = 366;

/** Days are counted in the viewer's zone, as the page says; fixed for the page's life. */
export const reportTimeZone = viewerTimeZone();

const today = todayIn(reportTimeZone);

export const reportPreset = signal<ReportPreset>(30);
export const reportFrom = signal(addDays(today, -29));
export const reportTo = signal(today);
/** `""` is every site. */
export const reportSiteId = signal("");

export type ReportLoad =
  | { status: "loading"; previous: ReportSummary | null }
  | { status: "ready"; summary: ReportSummary }
  | { status: "failed"; message: string };

export const reportLoad = signal<ReportLoad>({ status: "loading", previous: null });

/** Why the chosen range cannot be asked for, or null. */
export const rangeProblem = computed(() => {
  const length = daysBetween(reportFrom.value, reportTo.value);
  if (Number.isNaN(length)) return "Choose both dates.";
  if (length < 1) return "The end date is before the start date.";
  if (length > RANGE_MAX_DAYS) return `A report covers at most ${RANGE_MAX_DAYS} days.`;
  return null;
});

/** The query both the summary and the CSV export are asked with. */
export const reportQuery = computed(() => {
  const params = new URLSearchParams({ from: reportFrom.value, to: reportTo.value, tz: reportTimeZone });
  if (reportSiteId.value) params.set("site_id", reportSiteId.value);
  return params.toString();
});

export const csvHref = computed(() => `/api/reports/export.csv?${reportQuery.value}`);

/** A preset sets the range to its last days, today included. */
export function choosePreset(preset: Exclude<ReportPreset, "custom">): void {
  const end = todayIn(reportTimeZone);
  reportPreset.value = preset;
  reportFrom.value = addDays(end, 1 - preset);
  reportTo.value = end;
}

/** A date typed in: the range becomes a custom one. */
export function chooseDates(from: string, to: string): void {
  reportPreset.value = "custom";
  reportFrom.value = from;
  reportTo.value = to;
}

let latest = 0;

/** Loads the summary of `query`; an answer to an older query than the latest is dropped. */
export async function loadReport(query: string): Promise<void> {
  const ticket = ++latest;
  const current = reportLoad.value;
  const previous = current.status === "ready" ? current.summary : current.status === "loading" ? current.previous : null;
  reportLoad.value = { status: "loading", previous };
  try {
    const summary = await requestJson<ReportSummary>(`/api/reports/summary?${query}`);
    if (ticket === latest) reportLoad.value = { status: "ready", summary };
  } catch (error) {
    if (ticket === latest) reportLoad.value = { status: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}
