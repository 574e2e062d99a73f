import { fromHex } from "../lib/encoding";
import { verifyHmacSha256 } from "../lib/hmac";

/** A SHA-256 HMAC in hex: 64 digits of either case (embedders' libraries differ), nothing else. */
const USER_HASH = /^[0-9a-f]{64}$/i;

/**
 * Checks an embedder's `user_hash = hex(HMAC-SHA256(identity_secret, user_id))` (SPEC §4.9).
 * Upper- and lower-case hex both pass; any other spelling (spaces, a `0x`, another length) fails.
 * WebCrypto's `verify` compares the digest in constant time, so timing reveals no matching prefix.
 */
export async function verifyUserHash(identitySecret: string, userId: string, userHash: string): Promise<boolean> {
  const signature = USER_HASH.test(userHash) ? fromHex(userHash) : null;
  return signature !== null && verifyHmacSha256(identitySecret, userId, signature);
}
