import { minutesOfDay, type BusinessHours } from "../protocol";

/**
 * Business hours (SPEC §12) against the clock: ranges are wall-clock times in the site's IANA time
 * zone, so the same `09:00` is a different instant in winter and summer. `Intl` does the zone
 * arithmetic; nothing here knows an offset by heart.
 */

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** A wall-clock reading in one time zone: the calendar date, weekday (0 = Sunday), minutes since midnight. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

interface WallClock extends CalendarDate {
  weekday: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(timeZone: string, at: number): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Minutes the zone is ahead of UTC at an instant (negative west of Greenwich). */
function offsetMinutes(timeZone: string, at: number): number {
  return Math.round((wallValue(wallClock(timeZone, at)) - Math.floor(at / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/** A wall-clock reading as a number that orders like the readings do (its fields read as UTC). */
function wallValue(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day) + clock.minutes * MINUTE_MS;
}

/**
 * The instant a wall-clock time is reached in a zone. A time that happens twice in autumn is its
 * first occurrence; a time skipped by a spring-forward change (02:30 on that day in Europe) is
 * reached when the clock jumps past it.
 */
export function instantOf(timeZone: string, date: CalendarDate, minutes: number): number {
  const local = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE_MS;
  const halfDay = (DAY_MINUTES / 2) * MINUTE_MS;
  // The two offsets in force around that day; off a change day they are the same.
  const readings = [offsetMinutes(timeZone, local - halfDay), offsetMinutes(timeZone, local + halfDay)].map(
    (offset) => local - offset * MINUTE_MS,
  );
  const exact = readings.filter((at) => wallValue(wallClock(timeZone, at)) === local);
  if (exact.length > 0) return Math.min(...exact);
  // In the gap: the first minute whose reading is past the time, found between the two readings.
  let before = Math.min(...readings);
  let after = Math.max(...readings);
  while (after - before > MINUTE_MS) {
    const middle = before + Math.floor((after - before) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallValue(wallClock(timeZone, middle)) >= local) after = middle;
    else before = middle;
  }
  return after;
}

/** Whether the site is open at `at` (ms since the epoch). */
export function isOpenAt(hours: BusinessHours, at: number): boolean {
  const clock = wallClock(hours.timezone, at);
  return hours.days.some(
    (range) => range.day === clock.weekday && minutesOfDay(range.open) <= clock.minutes && clock.minutes < minutesOfDay(range.close),
  );
}

/**
 * When the site next opens after `at` (ms since the epoch), looking a week ahead; null
 * when no range is set. An open range running into the next day's (`24:00` then `00:00`) is one
 * stretch: its continuation is not an opening.
 */
export function nextOpeningAfter(hours: BusinessHours, at: number): number | null {
  const today = wallClock(hours.timezone, at);
  for (let ahead = 0; ahead <= 7; ahead += 1) {
    // Calendar days, not 24-hour steps: a day with a clock change is 23 or 25 hours long.
    const calendar = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    const date = { year: calendar.getUTCFullYear(), month: calendar.getUTCMonth() + 1, day: calendar.getUTCDate() };
    let next: number | null = null;
    for (const range of hours.days) {
      if (range.day !== calendar.getUTCDay()) continue;
      const opens = instantOf(hours.timezone, date, minutesOfDay(range.open));
      if (opens <= at || (next !== null && opens >= next) || isOpenAt(hours, opens - MINUTE_MS)) continue;
      next = opens;
    }
    if (next !== null) return next;
  }
  return null;
}
