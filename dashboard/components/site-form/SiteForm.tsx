import { useSignal } from "@preact/signals";
import type { Site } from "@parley/protocol";
import { SITE_NAME_MAX } from "@parley/protocol/limits";
import { useRef } from "preact/hooks";
import { HttpError } from "../../lib/http";
import { showNotice } from "../../state/notices";
import { createSite, saveSite } from "../../state/settings/site-admin";
import type { SiteDraft } from "../../state/settings/site-draft";
import { SignalInput } from "../signal-input/SignalInput";
import { AppearanceFields } from "./AppearanceFields";
import { AvailabilityFields } from "./AvailabilityFields";
import { CheckField } from "./CheckField";
import { describedProps, FieldError } from "./FieldError";
import { OriginsField } from "./OriginsField";
import "./site-form.css";

/**
 * A site's settings (SPEC §5 sites, §12 availability). Saving sends the whole form; a 400's
 * issues show beside the fields they name and focus goes to the first of them. `site` is null for
 * a new site, which `onCreated` then opens.
 */
export function SiteForm({ site, draft, onCreated }: { site: Site | null; draft: SiteDraft; onCreated: (site: Site) => void }) {
  const busy = useSignal(false);
  const problem = useSignal<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const issues = draft.issues.value;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    problem.value = null;
    try {
      if (site) {
        draft.markSaved(await saveSite(site.id, draft.body.value));
        showNotice({ key: "site-saved", tone: "info", text: "Changes saved. The widget shows them to new visitors at once." });
      } else {
        const created = await createSite(draft.body.value);
        showNotice({ key: "site-saved", tone: "info", text: `${created.name} was created. Add its FAQs and paste the snippet into your pages.` });
        onCreated(created);
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const elsewhere = draft.showIssues(error.issues);
      problem.value =
        error.issues.length === 0 ? error.message : elsewhere.length > 0 ? elsewhere.join(" ") : "Some fields need a change: see the messages beside them.";
      // After the errors have rendered: the first invalid field, else the summary.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .site-form__problem')?.focus());
    } finally {
      busy.value = false;
    }
  };

  const dirty = draft.dirty.value;
  return (
    <form ref={form} class="site-form" onSubmit={submit} noValidate aria-label={site ? `Settings of ${site.name}` : "New site"}>
      <section class="settings-card" aria-labelledby="site-basics">
        <h3 id="site-basics" class="settings-card__title">
          Site
        </h3>
        <div class="field">
          <label class="field__label" for="site-name">
            Name
          </label>
          <span class="field__hint" id="site-name-hint">
            Shown in the widget's header and in the inbox.
          </span>
          <SignalInput id="site-name" type="text" maxLength={SITE_NAME_MAX} value={draft.name} {...describedProps("name-error", issues.name, "site-name-hint")} />
          <FieldError id="name-error" message={issues.name} />
        </div>
        <OriginsField draft={draft} />
        <CheckField id="site-bot" label="FAQ bot" hint="Answers from your FAQs first; visitors can always ask for a human." checked={draft.botEnabled} />
      </section>
      <section class="settings-card" aria-labelledby="site-appearance">
        <h3 id="site-appearance" class="settings-card__title">
          Appearance
        </h3>
        <AppearanceFields draft={draft} />
      </section>
      <section class="settings-card" aria-labelledby="site-availability">
        <h3 id="site-availability" class="settings-card__title">
          Availability
        </h3>
        <AvailabilityFields draft={draft} />
      </section>
      {problem.value && (
        <p class="form-error site-form__problem" role="alert" tabIndex={-1}>
          {problem.value}
        </p>
      )}
      <div class="site-form__bar">
        <p class="site-form__state" role="status">
          {busy.value ? "Saving…" : !site ? "Not created yet" : dirty ? "Unsaved changes" : "All changes saved"}
        </p>
        <button type="submit" class="button button--primary" disabled={busy.value || (site !== null && !dirty)}>
          {site ? "Save changes" : "Create site"}
        </button>
      </div>
    </form>
  );
}
