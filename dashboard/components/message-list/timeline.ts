import { sameDay } from "@parley/browser/calendar-days";
import type { Message } from "@parley/protocol";
import type { Receipt } from "../../state/conversation/message-room";
import type { PendingReply } from "../../state/conversation/outbox";
import { dayLabel } from "../../lib/time";

export type TimelineItem =
  | { kind: "day"; key: string; label: string }
  | { kind: "message"; key: string; message: Message; groupStart: boolean; receipt: string | null }
  | { kind: "pending"; key: string; reply: PendingReply; groupStart: boolean };

/** Messages of one sender closer together than this share one name and avatar. */
const GROUP_GAP_MS = 5 * 60_000;

function continues(previous: Message | null, message: Message): boolean {
  return (
    previous !== null &&
    previous.sender_type !== "system" &&
    previous.sender_type === message.sender_type &&
    previous.sender_id === message.sender_id &&
    Date.parse(message.timestamp) - Date.parse(previous.timestamp) < GROUP_GAP_MS
  );
}

/**
 * Lays a conversation out: day separators, sender groups, the room's receipt ("Seen") under the
 * message it names, then the replies still on their way.
 */
export function buildTimeline(
  messages: readonly Message[],
  pending: readonly PendingReply[],
  meId: string,
  receipt: Receipt | null,
  now: number,
): TimelineItem[] {
  const items: TimelineItem[] = [];
  let previous: Message | null = null;
  for (const message of messages) {
    const newDay = !previous || !sameDay(previous.timestamp, message.timestamp);
    if (newDay) items.push({ kind: "day", key: `day-${message.seq}`, label: dayLabel(message.timestamp, now) });
    items.push({
      kind: "message",
      key: `m-${message.seq}`,
      message,
      groupStart: newDay || !continues(previous, message),
      receipt: message.seq === receipt?.seq ? receipt.label : null,
    });
    previous = message;
  }
  const today = new Date(now).toISOString();
  if (pending.length > 0 && previous && !sameDay(previous.timestamp, today)) {
    items.push({ kind: "day", key: "day-pending", label: dayLabel(today, now) });
  }
  pending.forEach((reply, index) => {
    const afterMine = index > 0 || (previous?.sender_type === "agent" && previous.sender_id === meId);
    items.push({ kind: "pending", key: `p-${reply.clientMsgId}`, reply, groupStart: !afterMine });
  });
  return items;
}
