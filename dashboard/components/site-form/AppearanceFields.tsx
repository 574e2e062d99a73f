import { SignalInput } from "../signal-input/SignalInput";
import type { SiteDraft } from "../../state/settings/site-draft";
import { ChoiceGroup } from "./ChoiceGroup";
import { describedProps, FieldError } from "./FieldError";

/** The languages the widget ships (widget/i18n), and "auto" for the visitor's browser language. */
const LOCALES = [
  { value: "auto", label: "The visitor's browser language" },
  { value: "en", label: "English" },
  { value: "de", label: "Deutsch (German)" },
  { value: "ar", label: "العربية (Arabic, right to left)" },
];

/** Colour, light or dark, corner, language and greeting: what the visitor sees first (SPEC §1). */
export function AppearanceFields({ draft }: { draft: SiteDraft }) {
  const issues = draft.issues.value;
  const color = draft.color.value;
  return (
    <>
      <div class="field">
        <label class="field__label" for="site-color">
          Colour
        </label>
        <div class="color-field">
          <input
            type="color"
            class="color-field__swatch"
            aria-label="Colour picker"
            value={/^#[0-9a-f]{6}$/i.test(color) ? color : "#000000"}
            onInput={(event) => (draft.color.value = event.currentTarget.value)}
          />
          <SignalInput id="site-color" type="text" spellcheck={false} maxLength={7} value={draft.color} {...describedProps("color-error", issues["theme.color"])} />
        </div>
        <FieldError id="color-error" message={issues["theme.color"]} />
      </div>
      <div class="site-form__pair">
        <ChoiceGroup
          legend="Light or dark"
          name="theme-mode"
          value={draft.mode}
          choices={[
            { value: "light", label: "Light" },
            { value: "dark", label: "Dark" },
            { value: "auto", label: "Auto" },
          ]}
        />
        <ChoiceGroup
          legend="Corner"
          name="theme-position"
          value={draft.position}
          choices={[
            { value: "left", label: "Bottom left" },
            { value: "right", label: "Bottom right" },
          ]}
        />
      </div>
      <label class="field">
        <span class="field__label">Language</span>
        <select value={draft.locale.value} onChange={(event) => (draft.locale.value = event.currentTarget.value)} {...describedProps("locale-error", issues.locale)}>
          {/* A tag set over the API ("de-AT") stays choosable as it is. */}
          {!LOCALES.some((locale) => locale.value === draft.locale.value) && <option value={draft.locale.value}>{draft.locale.value}</option>}
          {LOCALES.map((locale) => (
            <option key={locale.value} value={locale.value}>
              {locale.label}
            </option>
          ))}
        </select>
        <FieldError id="locale-error" message={issues.locale} />
      </label>
      <div class="field">
        <label class="field__label" for="site-greeting">
          Greeting
        </label>
        <span class="field__hint" id="greeting-hint">
          The first message of every conversation.
        </span>
        <textarea
          id="site-greeting"
          rows={2}
          value={draft.greeting.value}
          onInput={(event) => (draft.greeting.value = event.currentTarget.value)}
          {...describedProps("greeting-error", issues.greeting, "greeting-hint")}
        />
        <FieldError id="greeting-error" message={issues.greeting} />
      </div>
    </>
  );
}
