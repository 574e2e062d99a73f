/** "14:05" for a message; today's time or the date for a conversation in a list. */
export function formatTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
}

export function formatDay(iso: string, locale: string): string {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString()
    ? formatTime(iso, locale)
    : date.toLocaleDateString(locale, { day: "numeric", month: "short", year: date.getFullYear() === new Date().getFullYear() ? undefined : "numeric" });
}
