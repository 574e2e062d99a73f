import type { Message } from "../../protocol";
import type { ConversationRef } from "../contracts";
import type { CustomerEntry } from "./customer-store";
import type { ReadStore } from "./read-store";

/**
 * What a session's report (or the messages a room hands over) changes on the lobby's entry for
 * it: the names the list shows, the preview and activity, and the read store behind unread counts.
 */

/** The visitor's and site's names and the bot switch, as the conversation's description now gives them. */
export function refreshNames(entry: CustomerEntry, ref: ConversationRef): void {
  entry.visitorName = ref.visitorName ?? entry.visitorName;
  entry.siteName = ref.siteName ?? entry.siteName;
  entry.botEnabled = ref.botEnabled;
}

/**
 * A report's messages, oldest first, on the entry and in the read cursors: one write for the
 * visitor messages and one per agent who wrote, however many messages the report carries.
 */
export function recordMessages(entry: CustomerEntry, messages: readonly Message[], reads: ReadStore): void {
  const visitorSeqs: number[] = [];
  const answeredThrough = new Map<string, number>();
  for (const message of messages) {
    const at = Date.parse(message.timestamp);
    entry.lastSeq = Math.max(entry.lastSeq, message.seq);
    entry.lastActivityAt = Math.max(entry.lastActivityAt, at);
    // System notes ("Sam joined") make poor previews; the list shows what people wrote.
    if (message.sender_type !== "system") {
      entry.lastMessage = message.content.slice(0, 140);
      entry.lastMessageAt = at;
      entry.lastSenderType = message.sender_type;
    }
    if (message.sender_type === "user") visitorSeqs.push(message.seq);
    // Whoever answers has read what they answer.
    if (message.sender_type === "agent") answeredThrough.set(message.sender_id, Math.max(answeredThrough.get(message.sender_id) ?? 0, message.seq));
  }
  reads.addVisitorMessages(entry.conversationId, visitorSeqs);
  for (const [agentId, seq] of answeredThrough) reads.markRead(agentId, entry.conversationId, seq);
}
