import { signal } from "@preact/signals";
import type { InviteCheckResponse, MeResponse } from "@parley/protocol";
import { HttpError, requestJson } from "../lib/http";
import { auth } from "./session";

/**
 * An invite link opens the dashboard at `#/invite/<token>` (SPEC §5). The token stays in the
 * fragment, which the browser sends to no server; the server judges its form.
 */
function tokenFromHash(): string | null {
  const match = /^#\/invite\/([^/?#]*)$/.exec(location.hash);
  return match ? match[1]! : null;
}

/** The invite this tab was opened with, until it is used or left. */
export const inviteToken = signal<string | null>(tokenFromHash());

window.addEventListener("hashchange", () => {
  inviteToken.value = tokenFromHash();
});

export type InviteCheck = { status: "checking" } | { status: "ready"; invite: InviteCheckResponse } | { status: "refused"; message: string };

/** What the page says for refusals whose server words are not for this page. */
const INVITE_WORDS: Record<string, string> = {
  invalid_request: "This link is incomplete. Copy the whole link from the message you were sent, then open it again.",
  account_deactivated: "This account has been deactivated. Ask an admin of your workspace to turn it back on.",
  rate_limited: "Too many attempts. Wait a minute, then try again.",
};

const wordsFor = (error: HttpError) => INVITE_WORDS[error.code] ?? error.message;

/** Who the link is for, or why it cannot be used (used, expired, replaced, unknown). */
export async function checkInvite(token: string): Promise<InviteCheck> {
  try {
    return { status: "ready", invite: await requestJson<InviteCheckResponse>("/api/auth/invite/check", { method: "POST", body: { token } }) };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: "refused", message: wordsFor(error) };
  }
}

/**
 * Uses the link: sets the password and signs in, then shows the inbox. Returns null once in, or
 * the sentence to show under the form.
 */
export async function acceptInvite(token: string, password: string): Promise<string | null> {
  try {
    const me = await requestJson<MeResponse>("/api/auth/invite", { method: "POST", body: { token, password } });
    leaveInvite();
    auth.value = { status: "signed-in", me };
    return null;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return wordsFor(error);
  }
}

/** Leaves the invite page for the login page or the inbox, and drops the link from this history entry. */
export function leaveInvite(): void {
  history.replaceState(null, "", location.pathname + location.search);
  inviteToken.value = null;
}
