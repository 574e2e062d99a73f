import { env } from "cloudflare:workers";
import { chatLimits } from "../../src/config";

/** The report windows the tests run with: wrangler.toml's, unless vitest.config.ts was given others. */
export const WINDOWS = chatLimits(env);

/**
 * How long to wait for what a conversation's coalesced reports bring to the lobby or D1: the
 * longer of their windows, the lobby's gathering of D1 writes, the alarm that sends it, and the
 * write itself (SPEC §2: seconds stale at most).
 */
export const REPORTED = { timeout: WINDOWS.indexWindowMs + WINDOWS.indexFlushMs + 2 * WINDOWS.reportWindowMs, interval: 50 } as const;
