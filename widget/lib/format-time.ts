/** "14:05" for a message; today's time or the date for a conversation in a list. */
export function formatTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
}

/** A date in the locale's words, with its year only when that is not this year. */
function dateIn(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  return date.toLocaleDateString(locale, { ...options, year: date.getFullYear() === new Date().getFullYear() ? undefined : "numeric" });
}

export function formatDay(iso: string, locale: string): string {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? formatTime(iso, locale) : dateIn(date, locale, { day: "numeric", month: "short" });
}

/** "Monday, 3 March" for a day separator (Intl, in the widget's locale). */
export function formatDate(ms: number, locale: string): string {
  return dateIn(new Date(ms), locale, { weekday: "long", day: "numeric", month: "long" });
}
