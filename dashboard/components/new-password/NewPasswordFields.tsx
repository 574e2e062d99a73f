import type { Signal } from "@preact/signals";
import type { Ref } from "preact";
import { PASSWORD_MIN_LENGTH } from "@parley/protocol/limits";
import type { PasswordProblem } from "../../state/passwords";
import { SignalInput } from "../signal-input/SignalInput";

/**
 * A new password typed twice, for the invite page and the password change. `idPrefix` keeps the
 * ids apart; `errorId` names the form's error, read out with the field it is about.
 */
export function NewPasswordFields(props: {
  idPrefix: string;
  password: Signal<string>;
  repeat: Signal<string>;
  problem: PasswordProblem | null;
  errorId: string;
  passwordRef?: Ref<HTMLInputElement>;
}) {
  const { idPrefix, password, repeat, problem, errorId } = props;
  const hintId = `${idPrefix}-hint`;
  const describedBy = (field: PasswordProblem["field"], ...ids: string[]) =>
    [...ids, problem?.field === field ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <>
      {/* The hint stays outside the label, so it describes the field without being its name. */}
      <div class="field">
        <label class="field__label" for={`${idPrefix}-password`}>
          New password
        </label>
        <SignalInput
          id={`${idPrefix}-password`}
          inputRef={props.passwordRef}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={password}
          aria-invalid={problem?.field === "password" ? "true" : undefined}
          aria-describedby={describedBy("password", hintId)}
        />
        <span class="field__hint" id={hintId}>
          At least {PASSWORD_MIN_LENGTH} characters. A few words you will remember make a good one.
        </span>
      </div>
      <label class="field">
        <span class="field__label">New password, again</span>
        <SignalInput
          type="password"
          name="repeat-password"
          autoComplete="new-password"
          required
          value={repeat}
          aria-invalid={problem?.field === "repeat" ? "true" : undefined}
          aria-describedby={describedBy("repeat")}
        />
      </label>
    </>
  );
}
