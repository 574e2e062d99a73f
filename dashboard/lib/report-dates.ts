/**
 * Calendar dates (`YYYY-MM-DD`) for the reports' range, counted in the viewer's time zone as the
 * server counts its days (SPEC §5 `tz`). Plain arithmetic on UTC midnights: a calendar date has
 * no time zone once it is known, so no day is lost or doubled at a DST change.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The viewer's IANA time zone, or UTC when the browser does not say. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Today's date in `timeZone`; `en-CA` formats as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The UTC midnight of a date, in ms; NaN for anything that is not `YYYY-MM-DD`. */
export function dateMs(date: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
}

/** `date` moved by `days` (negative: back). */
export function addDays(date: string, days: number): string {
  return new Date(dateMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How many days `from`..`to` covers, both included (0 or less when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateMs(to) - dateMs(from)) / DAY_MS) + 1;
}

/** A date as the page shows it, e.g. "Mon 3 Nov" (a UTC midnight, so the same day everywhere). */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(dateMs(date));
}
