import { useMemo } from "preact/hooks";
import { timeZoneChoices } from "../../lib/time-zones";
import type { SiteDraft } from "../../state/settings/site-draft";
import { Icon } from "../icon/Icon";
import { describedProps, FieldError } from "./FieldError";

/** By the API's numbers (0 = Sunday), shown from Monday. */
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/**
 * When the site answers (SPEC §12): opening hours per weekday in one time zone. A day may have
 * several ranges (a lunch break); a night shift ends at 00:00 and goes on the next day.
 */
export function BusinessHoursField({ draft }: { draft: SiteDraft }) {
  const issues = draft.issues.value;
  const zone = draft.timezone.value;
  const zones = useMemo(() => timeZoneChoices(zone), [zone]);
  const ranges = draft.ranges.value;
  return (
    <div class="hours">
      <div class="field">
        <label class="field__label" for="site-timezone">
          Time zone
        </label>
        <select
          id="site-timezone"
          value={zone}
          onChange={(event) => (draft.timezone.value = event.currentTarget.value)}
          {...describedProps("timezone-error", issues["business_hours.timezone"])}
        >
          {zones.map((name) => (
            <option key={name} value={name}>
              {name.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <FieldError id="timezone-error" message={issues["business_hours.timezone"]} />
      </div>
      <p class="field__hint" id="hours-hint">
        Times on a 24-hour clock; a closing time of 00:00 means midnight. Days without hours are closed.
      </p>
      <ul class="hours__days">
        {WEEK_ORDER.map((day) => {
          const name = DAY_NAMES[day]!;
          const own = ranges.filter((range) => range.value.value.day === day);
          return (
            <li key={day} class="hours-day">
              <span class="hours-day__name" id={`hours-day-${day}`}>
                {name}
              </span>
              <div class="hours-day__ranges">
                {own.length === 0 && <span class="hours-day__closed">Closed</span>}
                {own.map((range) => {
                  const { open, close } = range.value.value;
                  const errorId = `range-error-${range.id}`;
                  const message = issues[`range:${range.id}`];
                  const set = (change: Partial<typeof range.value.value>) => (range.value.value = { ...range.value.value, ...change });
                  return (
                    <div key={range.id} class="hours-range">
                      <div class="hours-range__times">
                        <input
                          type="time"
                          aria-label={`${name} opens at`}
                          value={open}
                          onInput={(event) => set({ open: event.currentTarget.value })}
                          {...describedProps(errorId, message, "hours-hint")}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          type="time"
                          aria-label={`${name} closes at`}
                          value={close}
                          onInput={(event) => set({ close: event.currentTarget.value })}
                          {...describedProps(errorId, message, "hours-hint")}
                        />
                        <button
                          type="button"
                          class="button button--quiet icon-button"
                          aria-label={`Remove ${name} ${open} to ${close}`}
                          onClick={() => draft.removeRange(range.id)}
                        >
                          <Icon name="x" />
                        </button>
                      </div>
                      <FieldError id={errorId} message={message} />
                    </div>
                  );
                })}
              </div>
              <button type="button" class="button button--quiet hours-day__add" aria-label={`Add hours on ${name}`} onClick={() => draft.addRange(day)}>
                <Icon name="plus" />
                <span aria-hidden="true">Add</span>
              </button>
            </li>
          );
        })}
      </ul>
      <FieldError id="hours-error" message={issues.business_hours} />
    </div>
  );
}
