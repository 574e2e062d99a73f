import { chatLimits } from "../config";
import { database } from "../db/client";
import { staleOpenConversations } from "../db/queries/conversations";
import { logEvent } from "../lib/log";
import { chatSessionOf } from "../objects/stubs";

/** Most conversations one run asks: each costs its object a call, so a backlog takes a few runs. */
export const TIMEOUT_BATCH = 100;

/**
 * The Cron Trigger's timeout sweep (SPEC §11, §4.8), a safety net under the lobby's own sweep:
 * open support conversations whose D1 row stayed still for `CHAT_SESSION_TIMEOUT_MINUTES` are
 * asked to close, and each decides by its own clock (a row lags its log by seconds at most,
 * SPEC §2). One that had closed without D1 hearing of it writes its row again. Normally the lobby
 * closed them all first and this finds nothing.
 */
export async function closeTimedOut(env: Env, now = Date.now(), limit = TIMEOUT_BATCH): Promise<{ asked: number; closed: number }> {
  const before = now - chatLimits(env).sessionTimeoutMs;
  const candidates = await staleOpenConversations(database(env.DB), before, limit);
  let closed = 0;
  await Promise.all(
    candidates.map(async (conversationId) => {
      try {
        if ((await chatSessionOf(env, conversationId).closeIfIdle()).closed) closed += 1;
      } catch (error) {
        logEvent("error", { where: "cron.closeTimedOut", conversation_id: conversationId, error: String(error) });
      }
    }),
  );
  if (candidates.length > 0) logEvent("timeout_sweep", { asked: candidates.length, closed });
  return { asked: candidates.length, closed };
}
