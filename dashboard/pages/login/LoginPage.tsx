import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { AuthCard } from "../../components/auth-card/AuthCard";
import { Icon } from "../../components/icon/Icon";
import { logIn } from "../../state/session";
import { SignalInput } from "../../components/signal-input/SignalInput";

/**
 * Email and password; errors appear under the form in words and are announced. `reason` says
 * why the agent is here when they did not just log out themself (another tab, expiry).
 */
export function LoginPage({ reason }: { reason: string | null }) {
  const email = useSignal("");
  const password = useSignal("");
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const emailField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = "Log in · Parley";
    emailField.current?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    if (!email.value.trim() || !password.value) {
      error.value = "Enter your email and your password.";
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      error.value = await logIn(email.value.trim(), password.value);
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : "Logging in failed. Try again.";
    } finally {
      busy.value = false;
    }
  };

  return (
    <AuthCard title="Log in to your inbox" lead="Answer your visitors in real time, together with your team.">
      {reason && (
        <p class="form-notice" id="login-notice" role="status">
          <Icon name="logout" class="form-notice__icon" />
          <span>{reason}</span>
        </p>
      )}
      <form class="auth-card__form" onSubmit={submit} noValidate>
        <label class="field">
          <span class="field__label">Work email</span>
          <SignalInput
            inputRef={emailField}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            aria-invalid={error.value ? "true" : undefined}
            aria-describedby={[reason && "login-notice", error.value && "login-error"].filter(Boolean).join(" ") || undefined}
          />
        </label>
        <label class="field">
          <span class="field__label">Password</span>
          <SignalInput
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            aria-invalid={error.value ? "true" : undefined}
            aria-describedby={error.value ? "login-error" : undefined}
          />
        </label>
        <div class="form-error" id="login-error" role="alert">
          {error.value}
        </div>
        <button class="button button--primary auth-card__submit" type="submit" disabled={busy.value}>
          {busy.value ? "Logging in…" : "Log in"}
        </button>
      </form>
    </AuthCard>
  );
}
