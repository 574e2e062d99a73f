import { z } from "zod";
import { isTimeZone } from "./availability";
import { IdSchema, textSchema } from "./common";
import { RATING_COMMENT_MAX } from "./limits";

/**
 * Reports (SPEC §5, §11): the summary's query and answer, the visitor's satisfaction rating and
 * the widget's failed-connect report. Imports nothing beyond zod and the protocol.
 */

/** Longest range one summary covers (days, both ends included): a year, leap day and all. */
export const REPORT_RANGE_MAX_DAYS = 366;


const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date `YYYY-MM-DD` as ms at its UTC midnight, or null when it is no real date. */
export function calendarDay(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = Date.UTC(year, month - 1, day);
  const back = new Date(at);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? at : null;
}

const DateSchema = z.string().refine((date) => calendarDay(date) !== null, { message: "must be a date as YYYY-MM-DD" });

/** `from` and `to` are days in `tz`, both included. */
export const ReportQuerySchema = z
  .object({
    from: DateSchema,
    to: DateSchema,
    site_id: IdSchema.optional(),
    tz: z.string().max(64).refine(isTimeZone, { message: "must be an IANA time zone such as Europe/Paris" }).default("UTC"),
  })
  .superRefine((query, ctx) => {
    const from = calendarDay(query.from);
    const to = calendarDay(query.to);
    if (from === null || to === null) return;
    if (to < from) ctx.addIssue({ code: "custom", path: ["to"], message: "must be on or after from" });
    else if ((to - from) / DAY_MS + 1 > REPORT_RANGE_MAX_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `the range is at most ${REPORT_RANGE_MAX_DAYS} days` });
    }
  });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** Nearest-rank percentiles in whole seconds; null without a sample. */
const PercentilesSchema = z.object({ p50: z.number().nullable(), p90: z.number().nullable() });

/**
 * The figures of a day or of the whole range. Rates are 0..1 (4 decimals) and null when there is
 * nothing to divide by; what each counts is documented on `summarize` (src/reports/summary.ts).
 */
export const ReportFiguresSchema = z.object({
  conversations: z.int().min(0),
  active_conversations: z.int().min(0),
  messages: z.int().min(0),
  messages_by_sender: z.object({ user: z.int().min(0), agent: z.int().min(0), bot: z.int().min(0) }),
  escalations: z.int().min(0),
  escalation_rate: z.number().min(0).max(1).nullable(),
  first_response_s: PercentilesSchema,
  resolution_s: PercentilesSchema,
  connection_success_rate: z.number().min(0).max(1).nullable(),
  csat: z.object({ count: z.int().min(0), average: z.number().min(1).max(5).nullable() }),
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

export const ReportDaySchema = ReportFiguresSchema.extend({ date: z.string() });
export type ReportDay = z.infer<typeof ReportDaySchema>;

export const ReportSummarySchema = z.object({ days: z.array(ReportDaySchema), totals: ReportFiguresSchema });
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

/** `POST /api/chat/:id/rating`: a 1–5 score after close, and an optional comment. */
export const RatingBodySchema = z.object({
  score: z.int().min(1).max(5),
  comment: textSchema(RATING_COMMENT_MAX).optional(),
});
export type RatingBody = z.infer<typeof RatingBodySchema>;

export const RatingSchema = z.object({ score: z.int().min(1).max(5), comment: z.string().nullable(), created_at: z.iso.datetime() });
export type Rating = z.infer<typeof RatingSchema>;

export const RatingResponseSchema = z.object({ rating: RatingSchema });

/** `POST /api/chat/:id/connection-failed`: the widget could not open its socket and fell back (or gave up). */
export const ConnectionFailedBodySchema = z.object({ transport_fallback: z.enum(["polling", "none"]) });
