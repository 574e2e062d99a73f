import { instantOf } from "../availability/business-hours";
import { calendarDay } from "../protocol";

const DAY_MS = 24 * 60 * 60 * 1000;

/** One calendar day of a report in the viewer's time zone: [start, end) in ms since the epoch. */
export interface ReportDayRange {
  date: string;
  start: number;
  end: number;
}

/**
 * The days from `from` to `to` (both `YYYY-MM-DD`, both included) as instants in `timeZone`
 * (SPEC §5: days in the requested time zone). A day is local midnight to local midnight, so one
 * with a daylight-saving change is 23 or 25 hours long. Both dates are already validated.
 */
export function daysOf(from: string, to: string, timeZone: string): ReportDayRange[] {
  const first = calendarDay(from);
  const last = calendarDay(to);
  if (first === null || last === null) return [];
  const midnight = (utcDay: number) => {
    const date = new Date(utcDay);
    return instantOf(timeZone, { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, 0);
  };
  const days: ReportDayRange[] = [];
  for (let day = first; day <= last; day += DAY_MS) {
    days.push({ date: new Date(day).toISOString().slice(0, 10), start: midnight(day), end: midnight(day + DAY_MS) });
  }
  return days;
}
