import { useSignal } from "@preact/signals";
import type { Role } from "@parley/protocol";
import { useLayoutEffect, useRef } from "preact/hooks";
import { HttpError } from "../../lib/http";
import { inviteAgent } from "../../state/settings/agent-admin";
import { SignalInput } from "../signal-input/SignalInput";
import { describedProps, FieldError } from "../site-form/FieldError";

/**
 * Adds a teammate without a password (SPEC §5): the answer is their one-time sign-in link, which
 * the list then shows for the admin to pass on (no mail is sent).
 */
export function InviteAgentForm({ onDone }: { onDone: (agentId: string | null) => void }) {
  const name = useSignal("");
  const email = useSignal("");
  const role = useSignal<Role>("agent");
  const issues = useSignal<Record<string, string>>({});
  const problem = useSignal<string | null>(null);
  const busy = useSignal(false);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    try {
      const created = await inviteAgent({ name: name.value, email: email.value.trim(), role: role.value });
      onDone(created.id);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      issues.value = error.code === "email_taken" ? { email: error.message } : Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
      problem.value = Object.keys(issues.value).length > 0 ? null : error.message;
    } finally {
      busy.value = false;
    }
  };

  const found = issues.value;
  return (
    <form class="invite-form settings-card" onSubmit={submit} onKeyDown={(event) => event.key === "Escape" && onDone(null)} noValidate aria-labelledby="invite-form-title">
      <h3 id="invite-form-title" class="settings-card__title">
        Invite an agent
      </h3>
      <div class="invite-form__fields">
        <div class="field">
          <label class="field__label" for="invite-name">
            Name
          </label>
          <SignalInput inputRef={first} id="invite-name" type="text" autoComplete="off" value={name} {...describedProps("invite-name-error", found.name)} />
          <FieldError id="invite-name-error" message={found.name} />
        </div>
        <div class="field">
          <label class="field__label" for="invite-email">
            Email
          </label>
          <SignalInput id="invite-email" type="email" autoComplete="off" value={email} {...describedProps("invite-email-error", found.email)} />
          <FieldError id="invite-email-error" message={found.email} />
        </div>
        <label class="field">
          <span class="field__label">Role</span>
          <select value={role.value} onChange={(event) => (role.value = event.currentTarget.value as Role)}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </label>
      </div>
      <p class="field__hint">They get a sign-in link, valid once for 7 days, where they choose their password. Parley sends no mail: you pass it on.</p>
      <div class="form-error" role="alert">
        {problem.value}
      </div>
      <div class="invite-form__actions">
        <button type="button" class="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={busy.value}>
          {busy.value ? "Creating…" : "Create invite link"}
        </button>
      </div>
    </form>
  );
}
