import type { BucketRow, FactRow } from "../db/queries/report-facts";
import type { ReportFigures, ReportSummary } from "../protocol";
import type { ReportDayRange } from "./days";

/** The percentiles the summary shows (SPEC §5). */
const PERCENTILES = { p50: 0.5, p90: 0.9 } as const;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const ratio = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));
const within = (at: number | null, start: number, end: number): at is number => at !== null && at >= start && at < end;

/** Nearest-rank percentile of whole seconds: the smallest sample with at least p of them at or below it. */
function percentiles(samplesMs: number[]): { p50: number | null; p90: number | null } {
  const sorted = samplesMs.map((ms) => Math.round(ms / 1000)).sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
  return { p50: at(PERCENTILES.p50), p90: at(PERCENTILES.p90) };
}

/**
 * The figures of [start, end), each dated by the moment it is about:
 * - `conversations`: started then (first visitor message or escalation); `escalations`: of those,
 *   the ones ever escalated, so `escalation_rate` is the share of that day's new conversations;
 * - `active_conversations`: open at some moment of it (started before its end, not closed before its start);
 * - `first_response_s`: escalation to the first agent message after it, for replies sent then;
 *   `resolution_s`: first escalation to the latest close, for closes then;
 * - `csat`: ratings given then; messages and connections: the buckets of the range
 *   (`connection_success_rate` = sockets opened / (opened + failed connects reported)).
 */
export function figuresOf(facts: readonly FactRow[], buckets: readonly BucketRow[], start: number, end: number): ReportFigures {
  const started = facts.filter((fact) => within(fact.startedAt, start, end));
  const escalations = started.filter((fact) => fact.escalatedAt !== null).length;
  const active = facts.filter((fact) => fact.startedAt !== null && fact.startedAt < end && (fact.closedAt === null || fact.closedAt >= start));
  const firstResponses = facts.flatMap((fact) =>
    fact.escalatedAt !== null && within(fact.firstHumanReplyAt, start, end) ? [fact.firstHumanReplyAt - fact.escalatedAt] : [],
  );
  const resolutions = facts.flatMap((fact) =>
    fact.escalatedAt !== null && within(fact.closedAt, start, end) && fact.closedAt >= fact.escalatedAt ? [fact.closedAt - fact.escalatedAt] : [],
  );
  const scores = facts.flatMap((fact) => (fact.ratingScore !== null && within(fact.ratedAt, start, end) ? [fact.ratingScore] : []));
  const counted = buckets.filter((bucket) => bucket.bucketStart >= start && bucket.bucketStart < end);
  const sum = (pick: (bucket: BucketRow) => number) => counted.reduce((total, bucket) => total + pick(bucket), 0);
  const bySender = { user: sum((b) => b.userMessages), agent: sum((b) => b.agentMessages), bot: sum((b) => b.botMessages) };
  const opened = sum((b) => b.connectionSuccesses);
  const failed = sum((b) => b.connectionFailures);
  return {
    conversations: started.length,
    active_conversations: active.length,
    messages: bySender.user + bySender.agent + bySender.bot,
    messages_by_sender: bySender,
    escalations,
    escalation_rate: ratio(escalations, started.length),
    first_response_s: percentiles(firstResponses),
    resolution_s: percentiles(resolutions),
    connection_success_rate: ratio(opened, opened + failed),
    csat: { count: scores.length, average: scores.length === 0 ? null : round(scores.reduce((a, b) => a + b, 0) / scores.length, 2) },
  };
}

/** The summary of SPEC §5: one entry per day, and the totals of the whole range (not sums of days: percentiles do not add). */
export function summarize(days: readonly ReportDayRange[], facts: readonly FactRow[], buckets: readonly BucketRow[]): ReportSummary {
  const start = days[0]?.start ?? 0;
  const end = days.at(-1)?.end ?? 0;
  return {
    days: days.map((day) => ({ date: day.date, ...figuresOf(facts, buckets, day.start, day.end) })),
    totals: figuresOf(facts, buckets, start, end),
  };
}
