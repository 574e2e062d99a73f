import { useSignal } from "@preact/signals";
import type { TeamChat } from "@parley/protocol";
import { useLayoutEffect, useRef } from "preact/hooks";
import { asSentence } from "../../lib/text";
import { openDirectChat } from "../../state/team-chat/team-actions";
import { cancelOnEscape } from "./cancel-on-escape";
import "./team-new-chat.css";

/**
 * Starts (or finds again) the direct chat with a teammate, by their work email. A refusal is the
 * server's own words under the field ("No active teammate has the email …").
 */
export function NewDirectForm({ idBase, onOpened, onCancel }: { idBase: string; onOpened: (chat: TeamChat) => void; onCancel: () => void }) {
  const email = useSignal("");
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const ids = { field: `${idBase}-direct-email`, error: `${idBase}-direct-error` };
  useLayoutEffect(() => field.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    busy.value = true;
    error.value = null;
    try {
      onOpened(await openDirectChat(email.value.trim()));
    } catch (failure) {
      error.value = failure instanceof Error ? asSentence(failure.message) : "The chat could not be opened.";
      field.current?.focus();
    } finally {
      busy.value = false;
    }
  };

  return (
    <form class="team-new-chat" onSubmit={submit} onKeyDown={(event) => cancelOnEscape(event, onCancel)} noValidate>
      <div class="field">
        <label class="field__label" for={ids.field}>
          Teammate's email
        </label>
        <input
          id={ids.field}
          ref={field}
          type="email"
          autocomplete="off"
          placeholder="name@company.com"
          value={email.value}
          onInput={(event) => (email.value = event.currentTarget.value)}
          aria-invalid={error.value ? true : undefined}
          aria-describedby={error.value ? ids.error : undefined}
        />
        {error.value && (
          <p class="field__error" id={ids.error} role="alert">
            {error.value}
          </p>
        )}
      </div>
      <div class="team-new-chat__actions">
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={busy.value || email.value.trim() === ""}>
          {busy.value ? "Opening…" : "Open chat"}
        </button>
      </div>
    </form>
  );
}
