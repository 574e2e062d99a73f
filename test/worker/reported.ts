import { INDEX_FLUSH_MS, INDEX_WINDOW_MS, REPORT_WINDOW_MS } from "../../src/objects/chat-session/report-windows";

/**
 * How long to wait for what a conversation's coalesced reports bring to the lobby or D1: the
 * longer of their windows, the lobby's gathering of D1 writes, the alarm that sends it, and the
 * write itself (SPEC §2: seconds stale at most).
 */
export const REPORTED = { timeout: INDEX_WINDOW_MS + INDEX_FLUSH_MS + 2 * REPORT_WINDOW_MS, interval: 50 } as const;
