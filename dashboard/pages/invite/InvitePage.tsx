import { useSignal } from "@preact/signals";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { AuthCard } from "../../components/auth-card/AuthCard";
import { Icon } from "../../components/icon/Icon";
import { NewPasswordFields } from "../../components/new-password/NewPasswordFields";
import { acceptInvite, checkInvite, leaveInvite, type InviteCheck } from "../../state/invite";
import { newPasswordProblem, type PasswordProblem } from "../../state/passwords";

/**
 * The page an invite link opens (SPEC §5): the person chooses a password and is signed in, then
 * sees the inbox. A link that cannot be used says why, and leads to the login page.
 */
export function InvitePage({ token }: { token: string }) {
  const check = useSignal<InviteCheck>({ status: "checking" });

  useEffect(() => {
    document.title = "Join your team · Parley";
    let current = true;
    check.value = { status: "checking" };
    checkInvite(token).then(
      (result) => current && (check.value = result),
      () => current && (check.value = { status: "refused", message: "Parley can't be reached right now. Reload the page to try again." }),
    );
    return () => {
      current = false;
    };
  }, [token]);

  const state = check.value;
  if (state.status === "checking") {
    return (
      <AuthCard title="Checking your link…" lead="This takes a moment.">
        <p class="visually-hidden" role="status">
          Checking your invite link
        </p>
      </AuthCard>
    );
  }
  if (state.status === "refused") {
    return (
      <AuthCard title="This link can't be used" lead="Invite links work once, for 7 days.">
        <p class="form-notice" role="alert">
          <Icon name="alert" class="form-notice__icon" />
          <span>{state.message}</span>
        </p>
        <button type="button" class="button button--primary auth-card__submit" onClick={leaveInvite}>
          Go to the login page
        </button>
      </AuthCard>
    );
  }
  const { invite } = state;
  return (
    <AuthCard title={`Join ${invite.workspace.name}`} lead={`Welcome, ${invite.agent.name}. Choose a password to finish setting up your account.`}>
      <ChoosePasswordForm token={token} email={invite.agent.email} />
    </AuthCard>
  );
}

function ChoosePasswordForm({ token, email }: { token: string; email: string }) {
  const password = useSignal("");
  const repeat = useSignal("");
  const problem = useSignal<PasswordProblem | null>(null);
  const busy = useSignal(false);
  const passwordField = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => passwordField.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    problem.value = newPasswordProblem(password.value, repeat.value);
    if (problem.value) return;
    busy.value = true;
    try {
      const refusal = await acceptInvite(token, password.value);
      if (refusal) problem.value = { field: "password", message: refusal };
    } catch {
      problem.value = { field: "password", message: "Setting your password failed. Try again." };
    } finally {
      busy.value = false;
    }
  };

  return (
    <form class="auth-card__form" onSubmit={submit} noValidate>
      <label class="field">
        <span class="field__label">Work email</span>
        <input type="email" name="email" autoComplete="username" value={email} readOnly />
      </label>
      <NewPasswordFields
        idPrefix="invite"
        password={password}
        repeat={repeat}
        problem={problem.value}
        errorId="invite-error"
        passwordRef={passwordField}
      />
      <div class="form-error" id="invite-error" role="alert">
        {problem.value?.message}
      </div>
      <button class="button button--primary auth-card__submit" type="submit" disabled={busy.value}>
        {busy.value ? "Setting your password…" : "Set password and log in"}
      </button>
    </form>
  );
}
