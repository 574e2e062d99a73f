import { computed, signal } from "@preact/signals";
import type { MeResponse } from "@parley/protocol";
import { SIGNED_OUT_REASONS, type SignedOutReason } from "@parley/protocol/close-codes";
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

/** What the login page says after the server ended the sign-in, by the socket's close reason. */
const SIGNED_OUT_WORDS: Record<SignedOutReason, string> = {
  [SIGNED_OUT_REASONS.loggedOut]: "You signed out in another tab.",
  [SIGNED_OUT_REASONS.expired]: "Your session expired; sign in again.",
  [SIGNED_OUT_REASONS.deactivated]: "Your account was deactivated. Ask an admin of your workspace to turn it back on.",
  [SIGNED_OUT_REASONS.passwordChanged]: "Your password was changed; sign in again.",
};

const isSignedOutReason = (reason: string): reason is SignedOutReason => Object.hasOwn(SIGNED_OUT_WORDS, reason);

/** True from a logout in this tab until it is done, so its own sockets closing is not news. */
let loggingOut = false;

/** A socket was closed because the sign-in ended: leave at once, saying why. */
export function signedOut(reason: string): void {
  if (loggingOut && reason === SIGNED_OUT_REASONS.loggedOut) return endSession(null);
  endSession(isSignedOutReason(reason) ? SIGNED_OUT_WORDS[reason] : "You were signed out; sign in again.");
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
  loggingOut = true;
  try {
    await requestJson<void>("/api/auth/logout", { method: "POST" });
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401) {
      return error instanceof Error ? error.message : "Logging out failed.";
    }
  } finally {
    loggingOut = false;
  }
  endSession(null);
  return null;
}
