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
 * Where in a window of `windowMs` a support conversation's D1 index writes fall (ms, 0 ≤ offset
 * < windowMs), fixed per conversation by its id: conversations that start together (a campaign's
 * visitors, the bench's rooms) spread their writes over the window instead of sending them in
 * one burst. FNV-1a over the id's UTF-16 code units.
 */
export function indexOffsetMs(conversationId: string, windowMs: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < conversationId.length; i++) hash = Math.imul(hash ^ conversationId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % windowMs;
}
