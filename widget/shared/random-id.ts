/**
 * A random hex id. `crypto.randomUUID` exists only in secure contexts, and embedders still run
 * plain-http sites, so this uses `getRandomValues`, which works everywhere.
 */
export function randomId(bytes = 16): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
}
