/**
 * A random id of `words` 32-bit numbers joined by "-" (128 bits by default), in the characters
 * every id field allows. `crypto.randomUUID` exists only in secure contexts, and embedders still
 * run plain-http sites, so this uses `getRandomValues`, which works everywhere.
 */
export function randomId(words = 4): string {
  return crypto.getRandomValues(new Uint32Array(words)).join("-");
}
