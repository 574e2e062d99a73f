import { randomToken, toHex } from "./encoding";

/**
 * A new public widget key (SPEC §5 `site_key`): 128 random bits, base64url, so it sits in a
 * script tag's attribute and a URL path as is and no one can walk the key space to find sites.
 */
export function newSiteKey(): string {
  return randomToken(16);
}

/**
 * A new identity secret (SPEC §4.9): 256 random bits as 64 hex characters, the form every HMAC
 * library takes as a key string. The embedder keys `user_hash` with its text as is.
 */
export function newIdentitySecret(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}
