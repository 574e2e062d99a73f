import { useSignal } from "@preact/signals";
import type { TeamChat } from "@parley/protocol";
import { useLayoutEffect, useRef } from "preact/hooks";
import { asSentence } from "../../lib/text";
import { createGroup } from "../../state/team-chat/team-actions";
import { cancelOnEscape } from "./cancel-on-escape";
import "./team-new-chat.css";

/** Emails typed in one field, apart by commas, semicolons, spaces or lines. */
const emailsIn = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** A new group: its name and its members by email; the agent who creates it is its admin. */
export function NewGroupForm({ idBase, onCreated, onCancel }: { idBase: string; onCreated: (chat: TeamChat) => void; onCancel: () => void }) {
  const name = useSignal("");
  const emails = useSignal("");
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const ids = { name: `${idBase}-group-name`, emails: `${idBase}-group-emails`, hint: `${idBase}-group-hint`, error: `${idBase}-group-error` };
  useLayoutEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    busy.value = true;
    error.value = null;
    try {
      onCreated(await createGroup(name.value.trim(), emailsIn(emails.value)));
    } catch (failure) {
      error.value = failure instanceof Error ? asSentence(failure.message) : "The group could not be created.";
    } finally {
      busy.value = false;
    }
  };

  return (
    <form class="team-new-chat" onSubmit={submit} onKeyDown={(event) => cancelOnEscape(event, onCancel)} noValidate>
      <div class="field">
        <label class="field__label" for={ids.name}>
          Group name
        </label>
        <input id={ids.name} ref={first} autocomplete="off" placeholder="Night shift" value={name.value} onInput={(event) => (name.value = event.currentTarget.value)} />
      </div>
      <div class="field">
        <label class="field__label" for={ids.emails}>
          Members' emails
        </label>
        <input
          id={ids.emails}
          autocomplete="off"
          placeholder="sam@company.com, lee@company.com"
          value={emails.value}
          onInput={(event) => (emails.value = event.currentTarget.value)}
          aria-invalid={error.value ? true : undefined}
          aria-describedby={error.value ? `${ids.hint} ${ids.error}` : ids.hint}
        />
        <span class="field__hint" id={ids.hint}>
          Separate emails with commas. You are its admin.
        </span>
      </div>
      {error.value && (
        <p class="field__error" id={ids.error} role="alert">
          {error.value}
        </p>
      )}
      <div class="team-new-chat__actions">
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={busy.value || name.value.trim() === ""}>
          {busy.value ? "Creating…" : "Create group"}
        </button>
      </div>
    </form>
  );
}
