import { dayLabel } from "../../shared/calendar-days";
import { formatDate } from "../../lib/format-time";
import { useWidget } from "../widget-context";

/**
 * The line above the first message of a day: "Today", "Yesterday" or the date, in the widget's
 * locale. A separator is not a message: screen readers get its name, not a list item to count.
 */
export function DaySeparator({ at }: { at: string }) {
  const { t, locale } = useWidget();
  const label = dayLabel(at, Date.now(), { today: t("today"), yesterday: t("yesterday"), date: (ms) => formatDate(ms, locale) });
  return (
    <li class="day" role="separator" aria-label={label}>
      {label}
    </li>
  );
}
