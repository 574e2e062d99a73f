import { computed, signal } from "@preact/signals";
import type { MeResponse } from "@parley/protocol";
import { HttpError, requestJson, whenUnauthorized } from "../lib/http";

export type AuthState =
  | { status: "checking" }
  | { status: "signed-out"; reason: string | null }
  | { status: "signed-in"; me: MeResponse };

export const auth = signal<AuthState>({ status: "checking" });

/** The signed-in agent and workspace; null on the login page. */
export const me = computed(() => (auth.value.status === "signed-in" ? auth.value.me : null));

// A 401 while signed in means the session expired or was ended elsewhere; at start-up it only means "log in".
whenUnauthorized(() => endSession("Your session has ended. Log in again to continue."));

/** Leaves the signed-in view, saying why on the login page (null: a plain logout). */
export function endSession(reason: string | null): void {
  if (auth.value.status === "signed-in") auth.value = { status: "signed-out", reason };
}

export async function restoreSession(): Promise<void> {
  try {
    auth.value = { status: "signed-in", me: await requestJson<MeResponse>("/api/auth/me") };
  } catch (error) {
    const reason = error instanceof HttpError && error.status !== 401 ? error.message : null;
    auth.value = { status: "signed-out", reason };
  }
}

/** True while the cookie still names an active agent; asked after a socket could not connect. */
export async function stillSignedIn(): Promise<boolean> {
  try {
    await requestJson<MeResponse>("/api/auth/me");
    return true;
  } catch (error) {
    // A network failure says nothing about the session: keep trying to reconnect.
    return !(error instanceof HttpError) || error.status !== 401;
  }
}

const LOGIN_WORDS: Record<string, string> = {
  invalid_credentials: "That email and password don't match. Check both and try again.",
  account_deactivated: "This account has been deactivated. Ask an admin of your workspace to turn it back on.",
  rate_limited: "Too many attempts. Wait a minute, then try again.",
};

/** Returns null when the agent is in, or the sentence to show under the form. */
export async function logIn(email: string, password: string): Promise<string | null> {
  try {
    const session = await requestJson<MeResponse>("/api/auth/login", { method: "POST", body: { email, password } });
    auth.value = { status: "signed-in", me: session };
    return null;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return LOGIN_WORDS[error.code] ?? error.message;
  }
}

/** Returns null once logged out, or why it failed (the agent stays signed in). */
export async function logOut(): Promise<string | null> {
  try {
    await requestJson<void>("/api/auth/logout", { method: "POST" });
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401) {
      return error instanceof Error ? error.message : "Logging out failed.";
    }
  }
  endSession(null);
  return null;
}
