import type { SiteDraft } from "../../state/settings/site-draft";
import { BusinessHoursField } from "./BusinessHoursField";
import { CheckField } from "./CheckField";
import { ChoiceGroup } from "./ChoiceGroup";
import { describedProps, FieldError } from "./FieldError";

/**
 * When the site is available and what visitors see when it is not (SPEC §12): business hours,
 * "only when agents are online", the away message and whether the widget then offers an email
 * form or hides itself.
 */
export function AvailabilityFields({ draft }: { draft: SiteDraft }) {
  const issues = draft.issues.value;
  return (
    <>
      <CheckField
        id="site-hours-on"
        label="Business hours"
        hint="Outside them the site is away. Off: the site is open around the clock."
        checked={draft.hoursOn}
      />
      {draft.hoursOn.value && <BusinessHoursField draft={draft} />}
      <CheckField
        id="site-agents-online"
        label="Only when agents are online"
        hint="The site is away unless someone on the team has the dashboard open and is not away."
        checked={draft.onlyWhenAgentsOnline}
      />
      <div class="field">
        <label class="field__label" for="site-away-message">
          Away message
        </label>
        <span class="field__hint" id="away-hint">
          Shown instead of the greeting while the site is away.
        </span>
        <textarea
          id="site-away-message"
          rows={2}
          value={draft.awayMessage.value}
          onInput={(event) => (draft.awayMessage.value = event.currentTarget.value)}
          {...describedProps("away-error", issues.away_message, "away-hint")}
        />
        <FieldError id="away-error" message={issues.away_message} />
      </div>
      <ChoiceGroup
        legend="While away"
        name="when-away"
        value={draft.whenAway}
        choices={[
          { value: "form", label: "Offer an email form" },
          { value: "hide", label: "Hide the widget" },
        ]}
      />
    </>
  );
}
