import type { Message } from "@parley/protocol";

/**
 * Adds messages to a conversation in `seq` order, once each: echoes, resumes after a reconnect
 * and older pages can overlap what is already shown.
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return [...current];
  const last = current.at(-1);
  if (incoming.length === 1 && (!last || last.seq < incoming[0]!.seq)) return [...current, incoming[0]!];
  const bySeq = new Map<number, Message>();
  for (const message of current) bySeq.set(message.seq, message);
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
