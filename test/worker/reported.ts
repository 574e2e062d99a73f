import { REPORT_WINDOW_MS } from "../../src/objects/chat-session/reports";

/**
 * How long to wait for what a conversation's coalesced report brings to D1 or the lobby: its
 * window, the alarm that sends it, and the write itself (SPEC §2: seconds stale at most).
 */
export const REPORTED = { timeout: 3 * REPORT_WINDOW_MS, interval: 50 } as const;
