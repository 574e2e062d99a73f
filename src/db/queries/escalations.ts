import { asc, eq } from "drizzle-orm";
import type { Escalation } from "../../protocol";
import { iso } from "../../lib/time";
import type { Database } from "../client";
import { escalations } from "../schema";

/** The escalation's row; one sent again after a write whose answer was lost is a repeat (by id), not an error. */
export function insertEscalation(db: Database, workspaceId: string, escalation: Escalation) {
  return db
    .insert(escalations)
    .values({
      id: escalation.id,
      conversationId: escalation.conversation_id,
      workspaceId,
      reason: escalation.reason,
      metadata: JSON.stringify(escalation.metadata),
      createdAt: Date.parse(escalation.created_at),
    })
    .onConflictDoNothing();
}

export async function listEscalations(db: Database, conversationId: string): Promise<Escalation[]> {
  const rows = await db
    .select()
    .from(escalations)
    .where(eq(escalations.conversationId, conversationId))
    .orderBy(asc(escalations.createdAt))
    .all();
  return rows.map((row) => ({
    id: row.id,
    conversation_id: row.conversationId,
    reason: row.reason,
    metadata: JSON.parse(row.metadata) as Escalation["metadata"],
    created_at: iso(row.createdAt),
  }));
}
