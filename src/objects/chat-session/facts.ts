import type { BucketIncrement, FactChange } from "../../db/queries/report-facts";
import { BUCKET_MS, bucketOf } from "../../reports/buckets";
import type { Escalation, Message } from "../../protocol";
import type { ConversationRef, ConversationState } from "../contracts";

/**
 * The report figures a conversation keeps (SPEC §11) without a D1 write per message (SPEC §2):
 * its fact row changes only with its state, and its message counts wait in the object's storage
 * until their 15-minute bucket ends or the state changes, then go out in the report's batch.
 */

/** What the fact row in D1 already holds, so a report writes it only when something changed. */
export interface FactsWritten {
  startedAt: number | null;
  escalatedAt: number | null;
  firstHumanReplyAt: number | null;
  /** The state version last written, and the assignee and close it carried. */
  version: number;
  assigneeId: string | null;
  closedAt: number | null;
}

export const NO_FACTS: FactsWritten = { startedAt: null, escalatedAt: null, firstHumanReplyAt: null, version: 0, assigneeId: null, closedAt: null };

/** Messages counted but not yet in D1: one bucket, for the agent the conversation had then. */
export interface PendingCounts {
  bucketStart: number;
  agentId: string;
  user: number;
  agent: number;
  bot: number;
}

const at = (message: Message) => Date.parse(message.timestamp);

/**
 * What a report changes in the fact row: the start (the first visitor message or escalation,
 * whichever lists the session), the first escalation, the first agent message at or after it,
 * and a newer state's assignee (the last agent who handled it) and close. Null when nothing.
 */
export function factChangeOf(
  ref: ConversationRef,
  written: FactsWritten,
  report: { messages: readonly Message[]; escalation: Escalation | null; state: ConversationState; lastAgentId: string | null },
): { change: FactChange; next: FactsWritten } | null {
  const { messages, escalation, state } = report;
  const next = { ...written };
  const change: FactChange = { conversationId: ref.id, workspaceId: ref.workspaceId, siteId: ref.siteId };
  const escalatedAt = escalation ? Date.parse(escalation.created_at) : null;
  const firstVisitor = messages.find((message) => message.sender_type === "user");
  const starts = [firstVisitor ? at(firstVisitor) : null, escalatedAt].filter((time): time is number => time !== null);
  if (next.startedAt === null && starts.length > 0) next.startedAt = change.startedAt = Math.min(...starts);
  if (next.escalatedAt === null && escalatedAt !== null) next.escalatedAt = change.escalatedAt = escalatedAt;
  const since = next.escalatedAt;
  const reply = since === null ? undefined : messages.find((message) => message.sender_type === "agent" && at(message) >= since);
  if (next.firstHumanReplyAt === null && reply) next.firstHumanReplyAt = change.firstHumanReplyAt = at(reply);
  const assigneeId = state.agent?.id ?? report.lastAgentId;
  const closedAt = state.status === "closed" ? state.closedAt : null;
  if (state.version > written.version && (assigneeId !== written.assigneeId || (closedAt !== null && closedAt !== written.closedAt))) {
    change.state = { version: state.version, assigneeId, closedAt };
    next.version = state.version;
    next.assigneeId = assigneeId;
    next.closedAt = closedAt ?? written.closedAt;
  }
  const changed = [change.startedAt, change.escalatedAt, change.firstHumanReplyAt, change.state].some((field) => field !== undefined);
  return changed ? { change, next } : null;
}

/**
 * Adds a report's messages by sender to the pending counts. A bucket goes out when a message
 * falls into another bucket or another agent's hands, or at once with `flushAll` (a state change).
 */
export function countMessages(
  pending: PendingCounts | null,
  messages: readonly Message[],
  agentId: string,
  flushAll: boolean,
): { flush: PendingCounts[]; pending: PendingCounts | null } {
  const flush: PendingCounts[] = [];
  let current = pending;
  for (const message of messages) {
    const sender = message.sender_type;
    if (sender === "system") continue;
    const bucketStart = bucketOf(at(message));
    if (current && (current.bucketStart !== bucketStart || current.agentId !== agentId)) {
      flush.push(current);
      current = null;
    }
    current ??= { bucketStart, agentId, user: 0, agent: 0, bot: 0 };
    current[sender] += 1;
  }
  if (flushAll && current) {
    flush.push(current);
    current = null;
  }
  return { flush, pending: current };
}

/** When pending counts must go out at the latest: the end of their bucket. */
export function flushDue(pending: PendingCounts | null): number | null {
  return pending ? pending.bucketStart + BUCKET_MS : null;
}

/** A pending bucket as the D1 increment of its site's bucket. */
export function incrementOf(ref: ConversationRef, counts: PendingCounts): BucketIncrement | null {
  if (!ref.siteId) return null;
  return {
    workspaceId: ref.workspaceId,
    siteId: ref.siteId,
    agentId: counts.agentId,
    bucketStart: counts.bucketStart,
    userMessages: counts.user,
    agentMessages: counts.agent,
    botMessages: counts.bot,
  };
}
