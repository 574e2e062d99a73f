import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { changePassword, newPasswordProblem, type PasswordProblem } from "../../state/passwords";
import { NewPasswordFields } from "../new-password/NewPasswordFields";
import { SignalInput } from "../signal-input/SignalInput";
import "./change-password.css";

const ERROR_ID = "password-change-error";

/**
 * "Change password" for any agent (SPEC §5), as a modal dialog: the browser keeps focus inside
 * it and closes it on Escape. `onClose` says whether the password was changed.
 */
export function ChangePasswordDialog({ email, onClose }: { email: string; onClose: (changed: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const currentField = useRef<HTMLInputElement>(null);
  const changed = useRef(false);
  const current = useSignal("");
  const password = useSignal("");
  const repeat = useSignal("");
  const problem = useSignal<PasswordProblem | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    dialog.current?.showModal();
    currentField.current?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    problem.value = !current.value
      ? { field: "current", message: "Enter your current password." }
      : password.value === current.value
        ? { field: "password", message: "Choose a password other than your current one." }
        : newPasswordProblem(password.value, repeat.value);
    if (problem.value) return;
    busy.value = true;
    try {
      problem.value = await changePassword(current.value, password.value);
      if (!problem.value) {
        changed.current = true;
        dialog.current?.close();
      }
    } catch {
      problem.value = { field: "password", message: "Changing your password failed. Try again." };
    } finally {
      busy.value = false;
    }
  };

  const invalid = problem.value?.field === "current";
  return (
    <dialog ref={dialog} class="dialog-card password-dialog" aria-labelledby="password-dialog-title" onClose={() => onClose(changed.current)}>
      <form class="password-dialog__form" onSubmit={submit} noValidate>
        <h2 id="password-dialog-title">Change your password</h2>
        <p class="password-dialog__lead">You stay logged in here; your other sessions are logged out.</p>
        {/* Tells password managers whose password this is. */}
        <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
        <label class="field">
          <span class="field__label">Current password</span>
          <SignalInput
            inputRef={currentField}
            type="password"
            name="current-password"
            autoComplete="current-password"
            required
            value={current}
            aria-invalid={invalid ? "true" : undefined}
            aria-describedby={invalid ? ERROR_ID : undefined}
          />
        </label>
        <NewPasswordFields idPrefix="password-change" password={password} repeat={repeat} problem={problem.value} errorId={ERROR_ID} />
        <div class="form-error" id={ERROR_ID} role="alert">
          {problem.value?.message}
        </div>
        <div class="password-dialog__actions">
          <button type="button" class="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={busy.value}>
            {busy.value ? "Changing…" : "Change password"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
