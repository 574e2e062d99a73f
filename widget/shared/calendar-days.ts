/**
 * Calendar days in the browser's own time zone, for the separators between the days of a
 * conversation in the widget and the dashboard: one rule for both, each with its own words.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whole calendar days from `earlier` to `later` (0 = the same day); rounding absorbs DST's 23 and 25 hour days. */
export function daysBetween(earlier: number, later: number): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / DAY_MS);
}

export function sameDay(a: string, b: string): boolean {
  return daysBetween(Date.parse(a), Date.parse(b)) === 0;
}

/** The words a separator uses: the caller's translations, and how it writes any other day. */
export interface DayWords {
  today: string;
  yesterday: string;
  date(ms: number): string;
}

/**
 * What the separator above the messages of the day of `iso` says, seen at `now`.
 *
 * @example dayLabel(message.timestamp, Date.now(), { today: "Today", yesterday: "Yesterday", date: (ms) => format.format(ms) })
 */
export function dayLabel(iso: string, now: number, words: DayWords): string {
  const at = Date.parse(iso);
  const days = daysBetween(at, now);
  return days === 0 ? words.today : days === 1 ? words.yesterday : words.date(at);
}
