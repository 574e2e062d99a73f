/**
 * How far a conversation's copies may lag behind its log (SPEC §2: seconds stale at most), and
 * where in its window each conversation writes D1. The defaults of the `CHAT_REPORT_WINDOW_SECONDS`,
 * `CHAT_INDEX_WINDOW_SECONDS` and `CHAT_INDEX_FLUSH_SECONDS` vars (`chatLimits`); constants only,
 * so the config can import them without loading the objects.
 */

/**
 * The longest the lobby's list entry of a conversation may lag behind its log (ms): at most one
 * coalesced report per window while messages flow (SPEC §2).
 */
export const DEFAULT_REPORT_WINDOW_MS = 2_000;

/**
 * The longest D1's index row of a conversation may lag behind its log (ms): at most one write per
 * window while messages flow (SPEC §2: seconds stale at most). Longer than the lobby's: nobody
 * watches D1 live, and one D1 database serves every workspace, so each active conversation's
 * writes are what sets the whole product's ceiling.
 */
export const DEFAULT_INDEX_WINDOW_MS = 5_000;

/**
 * How long the workspace's lobby gathers its conversations' coalesced D1 index writes before it
 * sends them in one batch (ms): D1 hears of a plain message at most the index window plus this
 * after it was stored.
 */
export const DEFAULT_INDEX_FLUSH_MS = 1_000;

/**
 * Where in a window of `windowMs` a support conversation's coalesced work falls (ms, 0 ≤ offset
 * < windowMs), fixed per conversation by its id: conversations that start together (a campaign's
 * visitors, the bench's rooms) spread their D1 writes and reports over the window instead of
 * sending them in one burst. FNV-1a over the id's UTF-16 code units.
 */
export function offsetInWindowMs(conversationId: string, windowMs: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < conversationId.length; i++) hash = Math.imul(hash ^ conversationId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % windowMs;
}

/**
 * How long the first message after a quiet spell waits before the lobby hears of it (ms): from an
 * eighth to a quarter of the report window (250 to 500 ms by default), at the conversation's own
 * point in that span. The messages that follow it meanwhile, a person's quick run of lines, a
 * bot's answer, go in the same report: one lobby call per run instead of one for its first line
 * and one a window later for the rest. Conversations that start together do not all report in
 * the same moment. State changes never wait (`ActivityReports`).
 */
export function reportGatherMs(conversationId: string, reportWindowMs: number): number {
  const eighth = Math.max(1, Math.floor(reportWindowMs / 8));
  return eighth + offsetInWindowMs(conversationId, eighth);
}
