import { database } from "../db/client";
import { deleteChatRows, purgeCandidates } from "../db/queries/team-members";
import { logEvent } from "../lib/log";
import { chatSessionOf } from "../objects/stubs";

/** Most chats one run purges: each costs its object a call, so a backlog takes a few runs. */
export const PURGE_BATCH = 50;

/**
 * The Cron Trigger's purge (SPEC §11): deleted groups and chats every member hid, with their
 * object's storage first and D1's rows after, so nothing is left that points at a purged log.
 * A chat whose object holds a message D1 did not know of yet is kept: that message brought it back.
 */
export async function purgeTeamChats(env: Env, limit = PURGE_BATCH): Promise<{ purged: number; kept: number }> {
  const db = database(env.DB);
  const candidates = await purgeCandidates(db, limit);
  let purged = 0;
  for (const candidate of candidates) {
    if (!(await chatSessionOf(env, candidate.id).purge(candidate.throughSeq))) continue;
    await deleteChatRows(db, candidate.id);
    purged += 1;
  }
  const kept = candidates.length - purged;
  if (candidates.length > 0) logEvent("team_purge", { purged, kept });
  return { purged, kept };
}
