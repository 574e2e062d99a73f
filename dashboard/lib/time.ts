import { dayLabel as sharedDayLabel, daysBetween } from "@parley/browser/calendar-days";

/** Time wording for the inbox and the conversation, in the agent's own locale. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const monthDay = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const monthDayYear = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", year: "numeric" });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: "long", month: "long", day: "numeric" });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "now", "5m", "3h", "Yesterday", "Mon", "Mar 3": how inbox rows say when something happened. */
export function relativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  const ago = now - at;
  if (ago < MINUTE) return "now";
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}m`;
  const days = daysBetween(at, now);
  if (days === 0) return `${Math.floor(ago / HOUR)}h`;
  if (days === 1) return "Yesterday";
  if (days < 7) return weekday.format(at);
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? monthDay.format(at) : monthDayYear.format(at);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A running timer: "0:42", "12:05", then "1h 05m", then "2d 3h". */
export function elapsed(sinceIso: string, now: number): string {
  const ms = Math.max(0, now - Date.parse(sinceIso));
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}:${pad(Math.floor((ms % MINUTE) / 1000))}`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h ${pad(Math.floor((ms % HOUR) / MINUTE))}m`;
  return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h`;
}

/** Whole minutes since an instant; waiting times turn amber and then red on these. */
export function minutesSince(iso: string, now: number): number {
  return Math.floor(Math.max(0, now - Date.parse(iso)) / MINUTE);
}

/** "Today", "Yesterday", "Monday, March 3": the separators between days in a conversation. */
export function dayLabel(iso: string, now: number): string {
  return sharedDayLabel(iso, now, { today: "Today", yesterday: "Yesterday", date: (ms) => longDay.format(ms) });
}

export function clockTime(iso: string): string {
  return clock.format(Date.parse(iso));
}

export function fullDateTime(iso: string): string {
  return full.format(Date.parse(iso));
}

/** The visitor's wall clock, from the IANA zone their browser reported; null if the zone is unknown. */
export function timeInZone(timeZone: string, now: number): { time: string; offset: string } | null {
  try {
    const parts = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "shortOffset" })
      .formatToParts(now);
    const offset = parts.find((part) => part.type === "timeZoneName")?.value ?? "";
    const time = parts
      .filter((part) => part.type !== "timeZoneName")
      .map((part) => part.value)
      .join("")
      .trim();
    return { time, offset };
  } catch {
    return null;
  }
}
