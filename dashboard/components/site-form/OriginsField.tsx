import { SignalInput } from "../signal-input/SignalInput";
import { Icon } from "../icon/Icon";
import type { SiteDraft } from "../../state/settings/site-draft";
import { FieldError, describedProps } from "./FieldError";

/**
 * The origins the widget may run on (SPEC §5), one per row: each row shows the server's words
 * about it, and its own label names it ("Allowed origin 2"), so a refused one is easy to find.
 */
export function OriginsField({ draft }: { draft: SiteDraft }) {
  const issues = draft.issues.value;
  const rows = draft.origins.value;
  return (
    <fieldset class="form-group">
      <legend class="field__label">Allowed origins</legend>
      <p class="field__hint" id="origins-hint">
        The pages the widget may run on, as <code>https://shop.example</code> (scheme, host and port, no path). <code>*</code> allows any site.
      </p>
      <ul class="origin-list">
        {rows.map((origin, index) => {
          const errorId = `origin-error-${origin.id}`;
          const message = issues[`origin:${origin.id}`];
          return (
            <li key={origin.id} class="origin-list__row">
              <div class="field origin-list__inputs">
                <SignalInput
                  type="text"
                  inputMode="url"
                  spellcheck={false}
                  autoComplete="off"
                  placeholder="https://www.example.com"
                  aria-label={`Allowed origin ${index + 1}`}
                  value={origin.value}
                  {...describedProps(errorId, message, "origins-hint")}
                />
                <button
                  type="button"
                  class="button button--quiet icon-button"
                  aria-label={`Remove allowed origin ${index + 1}`}
                  onClick={() => draft.removeOrigin(origin.id)}
                >
                  <Icon name="x" />
                </button>
              </div>
              <FieldError id={errorId} message={message} />
            </li>
          );
        })}
      </ul>
      <FieldError id="origins-error" message={issues.allowed_origins} />
      <button type="button" class="button form-group__add" onClick={draft.addOrigin}>
        <Icon name="plus" />
        Add origin
      </button>
    </fieldset>
  );
}
