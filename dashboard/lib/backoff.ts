const BASE_MS = 500;
const MAX_MS = 15_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first): doubling up to a cap,
 * with jitter so every open tab does not hit a recovering server in the same instant.
 */
export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** attempt);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}
