import type { Database } from "../client";
import { members } from "../schema";

/** Records that an agent took part in a conversation (they opened its room). */
export function rememberAgentMember(db: Database, conversationId: string, agentId: string, now: number) {
  return db
    .insert(members)
    .values({ conversationId, memberType: "agent", memberId: agentId, joinedAt: now })
    .onConflictDoNothing();
}
