import { randomToken } from "../lib/encoding";
import { sha256Hex } from "../lib/hmac";

/** How long a one-time sign-in link works (SPEC §5: 7 days), in ms. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** 256 random bits: 43 base64url characters, the form `InviteTokenSchema` accepts. */
const INVITE_TOKEN_BYTES = 32;

/** A new link's secret, and what is stored of it: its SHA-256 (`id`), so the table signs no one in. */
export interface MintedInvite {
  token: string;
  id: string;
  expiresAt: number;
}

/** A fresh invite token, its stored id and its expiry (ms since the epoch). Runs in Workers and Node. */
export async function mintInvite(now: number): Promise<MintedInvite> {
  const token = randomToken(INVITE_TOKEN_BYTES);
  return { token, id: await sha256Hex(token), expiresAt: now + INVITE_TTL_MS };
}

/**
 * The dashboard page that takes an invite, on the worker at `base` (any URL of it: only its origin
 * counts). The token goes in the fragment, which browsers send to no server and put in no
 * Referer, so it reaches no log.
 *
 * @example inviteUrl("https://chat.example.com", token) // "https://chat.example.com/dashboard/#/invite/<token>"
 */
export function inviteUrl(base: string, token: string): string {
  return `${new URL(base).origin}/dashboard/#/invite/${token}`;
}
