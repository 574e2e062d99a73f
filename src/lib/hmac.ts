import { toHex, utf8 } from "./encoding";

function importKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", utf8(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

export async function hmacSha256(secret: string, data: string): Promise<ArrayBuffer> {
  return crypto.subtle.sign("HMAC", await importKey(secret), utf8(data));
}

/** Constant-time check of an HMAC-SHA256 signature (WebCrypto's verify compares safely). */
export async function verifyHmacSha256(secret: string, data: string, signature: Uint8Array<ArrayBuffer>): Promise<boolean> {
  return crypto.subtle.verify("HMAC", await importKey(secret), signature, utf8(data));
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", utf8(text)));
}
