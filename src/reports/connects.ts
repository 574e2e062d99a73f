import { database } from "../db/client";
import { addToBucket } from "../db/queries/report-facts";
import { bound } from "../db/statements";
import { bucketOf } from "./buckets";
import { logEvent } from "../lib/log";
import type { ConversationRef } from "../objects/contracts";

/**
 * Counts one visitor connect in its site's current bucket (SPEC §11, connection success rate):
 * `opened` when a ChatSession accepts a visitor's socket, `failed` when the widget reports it
 * could not connect and fell back. Sockets open before anyone is assigned: no agent is counted.
 * A lost count is logged, never failed on: the visitor's connection matters more than the figure.
 */
export async function countConnect(env: Env, ref: Pick<ConversationRef, "id" | "kind" | "workspaceId" | "siteId">, outcome: "opened" | "failed"): Promise<void> {
  if (ref.kind !== "support" || !ref.siteId) return;
  const counter = outcome === "opened" ? { connectionSuccesses: 1 } : { connectionFailures: 1 };
  try {
    const add = addToBucket(database(env.DB), { workspaceId: ref.workspaceId, siteId: ref.siteId, agentId: "", bucketStart: bucketOf(Date.now()), ...counter });
    await env.DB.batch(bound(env.DB, [add]));
  } catch (error) {
    logEvent("error", { where: "d1.countConnect", conversation_id: ref.id, outcome, error: String(error) });
  }
}
