import type { Translate } from "../i18n";
import type { AwayStrings } from "../i18n/away-en";
import type { Locale } from "../i18n/locales";
import { formatTime } from "../lib/format-time";
import { daysBetween } from "../shared/calendar-days";

/**
 * The header's words while the site is away (SPEC §12), in the visitor's time zone and the
 * widget's locale: "Back at 9:00 AM" today, "Back tomorrow at 9:00 AM", "Back Monday at 9:00 AM"
 * later in the week (business hours repeat weekly, so the next opening is at most a week away),
 * and "Away right now" when no opening is known (the site waits for an agent, or has no hours).
 */
export function openingWords(nextOpenAt: string | undefined, locale: Locale, t: Translate<keyof AwayStrings>, now = Date.now()): string {
  if (!nextOpenAt) return t("awayNow");
  const time = formatTime(nextOpenAt, locale);
  const days = daysBetween(now, Date.parse(nextOpenAt));
  if (days < 1) return t("backAt", { time });
  if (days === 1) return t("backTomorrow", { time });
  return t("backOn", { time, day: new Date(nextOpenAt).toLocaleDateString(locale, { weekday: "long" }) });
}
