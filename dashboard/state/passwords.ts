import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@parley/protocol/limits";
import { HttpError, requestJson } from "../lib/http";

/** Which field of a "choose a password" form is wrong, and what to say about it. */
export interface PasswordProblem {
  field: "current" | "password" | "repeat";
  message: string;
}

/**
 * Why a new password (typed twice) cannot be sent yet, or null when it can. The length is the
 * server's own rule (`NewPasswordSchema`), so the server never has to refuse it.
 */
export function newPasswordProblem(password: string, repeat: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { field: "password", message: `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { field: "password", message: `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  if (password !== repeat) return { field: "repeat", message: "The two passwords don't match. Type the same password twice." };
  return null;
}

const CHANGE_WORDS: Record<string, PasswordProblem> = {
  wrong_password: { field: "current", message: "That is not your current password." },
  rate_limited: { field: "current", message: "Too many attempts. Wait a minute, then try again." },
};

/**
 * Changes the signed-in agent's password (SPEC §5); their other sessions end, this one stays.
 * Returns null once changed, or what to say under the form.
 */
export async function changePassword(current: string, next: string): Promise<PasswordProblem | null> {
  try {
    await requestJson<void>("/api/auth/password", { method: "POST", body: { current_password: current, new_password: next } });
    return null;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return CHANGE_WORDS[error.code] ?? { field: "password", message: error.message };
  }
}
