import { and, eq } from "drizzle-orm";
import type { Database } from "../client";
import { members } from "../schema";

/** Records that an agent took part in a conversation (they opened its room). */
export function rememberAgentMember(db: Database, conversationId: string, agentId: string, now: number) {
  return db
    .insert(members)
    .values({ conversationId, memberType: "agent", memberId: agentId, joinedAt: now })
    .onConflictDoNothing();
}

export async function conversationIdsOfAgent(db: Database, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ id: members.conversationId })
    .from(members)
    .where(and(eq(members.memberType, "agent"), eq(members.memberId, agentId)))
    .all();
  return rows.map((row) => row.id);
}
