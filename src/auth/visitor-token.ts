import { fromBase64Url, toBase64Url, utf8 } from "../lib/encoding";
import { hmacSha256, verifyHmacSha256 } from "../lib/hmac";
import { fail, ok, type Result } from "../lib/result";

/** What a visitor token vouches for. Short keys keep the token small in every request. */
export interface VisitorClaims {
  /** visitor id */
  v: string;
  /** site id */
  s: string;
  /** workspace id */
  w: string;
  /** expiry, seconds since the epoch */
  e: number;
}

const TOKEN_VERSION = "v1";

/**
 * Signs `base64url(claims)` with HMAC-SHA256. The result uses only base64url characters and dots,
 * so it is valid inside a WebSocket subprotocol name (SPEC §4.2).
 *
 * @example signVisitorToken(secret, { v: visitorId, s: siteId, w: workspaceId, e: nowSec + ttl })
 */
export async function signVisitorToken(secret: string, claims: VisitorClaims): Promise<string> {
  const body = `${TOKEN_VERSION}.${toBase64Url(utf8(JSON.stringify(claims)))}`;
  return `${body}.${toBase64Url(new Uint8Array(await hmacSha256(secret, body)))}`;
}

export async function verifyVisitorToken(
  secret: string,
  token: string,
  nowMs = Date.now(),
): Promise<Result<VisitorClaims>> {
  const parts = token.split(".");
  const [version, payload, signature] = parts;
  if (parts.length !== 3 || version !== TOKEN_VERSION || !payload || !signature) {
    return fail(401, "invalid_token", "The visitor token is malformed");
  }
  const signatureBytes = fromBase64Url(signature);
  if (!signatureBytes || !(await verifyHmacSha256(secret, `${version}.${payload}`, signatureBytes))) {
    return fail(401, "invalid_token", "The visitor token signature is not valid");
  }
  const claims = decodeClaims(payload);
  if (!claims) return fail(401, "invalid_token", "The visitor token is malformed");
  if (claims.e * 1000 <= nowMs) return fail(401, "token_expired", "The visitor token has expired; start a new session");
  return ok(claims);
}

function decodeClaims(payload: string): VisitorClaims | null {
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<VisitorClaims>;
    const valid =
      typeof value.v === "string" && typeof value.s === "string" && typeof value.w === "string" && typeof value.e === "number";
    return valid ? (value as VisitorClaims) : null;
  } catch {
    return null;
  }
}
