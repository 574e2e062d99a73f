import { fromHex } from "../lib/encoding";
import { verifyHmacSha256 } from "../lib/hmac";

/**
 * Checks an embedder's `user_hash = hex(HMAC-SHA256(identity_secret, user_id))` (SPEC §4.9),
 * in constant time.
 */
export async function verifyUserHash(identitySecret: string, userId: string, userHash: string): Promise<boolean> {
  const signature = fromHex(userHash);
  return signature !== null && verifyHmacSha256(identitySecret, userId, signature);
}
