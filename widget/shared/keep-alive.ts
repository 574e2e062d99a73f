import { DEFAULT_CONNECTION_TIMEOUT_MS, keepAliveIntervalMs } from "@parley/protocol/limits";

/** How often to ping until the server has said how often (session init, dashboard `connected`). */
export const DEFAULT_KEEPALIVE_MS = keepAliveIntervalMs(DEFAULT_CONNECTION_TIMEOUT_MS);

/** Slack on top of two missed pongs, for a slow network or a busy tab. */
const SILENCE_SLACK_MS = 5_000;

/**
 * How long a socket may hear nothing (not even a pong) before it counts as dead although the
 * browser has not noticed: two pings went unanswered.
 */
export function silenceLimitMs(keepAliveMs: number): number {
  return 2 * keepAliveMs + SILENCE_SLACK_MS;
}
