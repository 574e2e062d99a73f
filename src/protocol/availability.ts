import { z } from "zod";
import { textSchema } from "./common";
import { AWAY_MESSAGE_MAX, BUSINESS_HOURS_RANGES_MAX } from "./limits";

/** `HH:MM` on a 24-hour clock; `24:00` only closes a day. */
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSING_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Minutes since midnight of an `HH:MM` the schemas below accepted. */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Whether `Intl` knows the IANA time zone (`Europe/Berlin`); workerd and browsers share its list. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * One opening range on a weekday (0 = Sunday), in the site's time zone. A night shift is two
 * ranges: `22:00`–`24:00` on one day and `00:00`–`06:00` on the next.
 */
export const OpeningRangeSchema = z
  .strictObject({
    day: z.int().min(0).max(6),
    open: z.string().regex(TIME_OF_DAY, "open must be HH:MM, 00:00 to 23:59"),
    close: z.string().regex(CLOSING_TIME, "close must be HH:MM, 00:01 to 24:00"),
  })
  .refine((range) => minutesOfDay(range.close) > minutesOfDay(range.open), {
    message: "close must be later than open on the same day (split a night shift at midnight)",
    path: ["close"],
  });
export type OpeningRange = z.infer<typeof OpeningRangeSchema>;

/** SPEC §12 business hours: when a site answers, in its own time zone. No ranges = never open. */
export const BusinessHoursSchema = z.strictObject({
  timezone: z.string().max(64).refine(isTimeZone, { message: "timezone must be an IANA time zone such as Europe/Berlin" }),
  days: z.array(OpeningRangeSchema).max(BUSINESS_HOURS_RANGES_MAX, `at most ${BUSINESS_HOURS_RANGES_MAX} opening ranges`),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

/** What the widget does while the site is unavailable (SPEC §12). */
export const WhenAwaySchema = z.enum(["form", "hide"]);
export type WhenAway = z.infer<typeof WhenAwaySchema>;

/** The availability fields of a site's settings (SPEC §5 sites, §12). */
export const availabilityFields = {
  business_hours: BusinessHoursSchema.nullable(),
  only_when_agents_online: z.boolean(),
  away_message: textSchema(AWAY_MESSAGE_MAX),
  when_away: WhenAwaySchema,
};

/**
 * What session init tells the widget (SPEC §12). `available`: inside business hours and, if the site
 * asks for it, an agent is online and not away. `next_open_at`: when business hours next begin, if
 * they are why the site is unavailable. `agents_online`: whether someone is there to answer now, so
 * the header can promise a quick reply only when it is true. `hidden`: the widget draws nothing
 * (unavailable, `when_away: "hide"`, and the visitor has nothing going on: no unread reply, not
 * waiting for or talking to an agent).
 */
export const AvailabilitySchema = z.object({
  available: z.boolean(),
  next_open_at: z.iso.datetime().optional(),
  agents_online: z.boolean(),
  hidden: z.boolean(),
});
export type Availability = z.infer<typeof AvailabilitySchema>;
