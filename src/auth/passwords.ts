import { fromBase64Url, toBase64Url, utf8 } from "../lib/encoding";

/** Workers cap PBKDF2 at 100,000 iterations, which is also the floor we want. */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = "pbkdf2-sha256";

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", utf8(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/**
 * Hashes a password with PBKDF2-SHA256 and a per-user random salt, into one self-describing
 * string: `pbkdf2-sha256$iterations$salt$hash`. Runs the same in Workers and in Node (seeding).
 */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${SCHEME}$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

/**
 * Checked against when a login names no agent, so a miss runs the same PBKDF2 work as a wrong
 * password and the answer cannot tell which emails exist. A constant because Workers forbid
 * random values and crypto in global scope; no password needs to match it.
 */
export const UNKNOWN_AGENT_HASH = `${SCHEME}$${PBKDF2_ITERATIONS}$nMc3-GC1fR5ZdZ9AaS3f3g$maxyXhWyB-Um4mTIyM5F9KzDENunWnlo4WsYULQXmrs`;

/**
 * The stored hash of an agent who has no password yet: created without one, they choose it with
 * their invite link. Not a hash of anything, so no password matches it.
 */
export const NO_PASSWORD = "none";

interface StoredHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  expected: Uint8Array;
}

function parseStored(stored: string): StoredHash | null {
  const [scheme, iterationsText, saltText, hashText] = stored.split("$");
  const iterations = Number(iterationsText);
  const salt = fromBase64Url(saltText ?? "");
  const expected = fromBase64Url(hashText ?? "");
  if (scheme !== SCHEME || !Number.isInteger(iterations) || iterations < 1 || !salt || !expected) return null;
  return { iterations, salt, expected };
}

/**
 * True when `password` is the one `stored` was made from. A stored value that is no hash
 * (`NO_PASSWORD`) matches nothing, after the same PBKDF2 work as a wrong password, so timing does
 * not tell which agents have yet to accept their invite.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  const { iterations, salt, expected } = parsed ?? parseStored(UNKNOWN_AGENT_HASH)!;
  const actual = await derive(password, salt, iterations);
  return parsed !== null && constantTimeEqual(actual, expected);
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
