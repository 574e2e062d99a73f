import { database } from "../../db/client";
import { recordRating } from "../../db/queries/report-facts";
import { logEvent } from "../../lib/log";
import { fail, ok, type Result } from "../../lib/result";
import { iso } from "../../lib/time";
import { isBlank, SYSTEM_EVENTS, type Rating, type RatingBody } from "../../protocol";
import type { MessageLog } from "./message-log";
import type { Room } from "./room";
import { systemDraft } from "./senders";
import type { SessionStore } from "./session-store";

/**
 * The visitor's satisfaction rating (SPEC §11): once the conversation is closed, once per
 * closing (a reopened conversation that closes again may be rated again, and that rating is the
 * one the reports count). The fact row is written first, so a failed write leaves no line in the
 * timeline; the line then goes to the room now and to the copies with the next coalesced report.
 */
export async function rateConversation(
  deps: { env: Env; store: SessionStore; log: MessageLog; room: Room },
  input: RatingBody,
  now: number,
): Promise<Result<Rating>> {
  const { env, store, log, room } = deps;
  const ref = store.conversation();
  const state = store.state();
  if (ref.kind !== "support" || state.status !== "closed") return fail(409, "not_closed", "A conversation can be rated once it is closed");
  if (store.ratedVersion() === state.version) return fail(409, "already_rated", "This conversation was rated already");
  const comment = input.comment === undefined || isBlank(input.comment) ? null : input.comment;
  const rating = { score: input.score, comment, at: now };
  await recordRating(database(env.DB), { conversationId: ref.id, workspaceId: ref.workspaceId, siteId: ref.siteId }, rating).run();
  store.setRatedVersion(state.version);
  const content = `The visitor rated the conversation ${input.score} out of 5${comment ? `: ${comment}` : ""}`;
  const { message } = log.append(systemDraft(SYSTEM_EVENTS.rated, content, now, { score: input.score, comment }));
  room.broadcast({ type: "message", message });
  logEvent("rated", { conversation_id: ref.id, score: input.score });
  return ok({ score: input.score, comment, created_at: iso(now) });
}
