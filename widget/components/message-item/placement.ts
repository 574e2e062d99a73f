import type { Message } from "@parley/protocol";
import { sameDay } from "../../shared/calendar-days";

/** Where one confirmed message sits in the log. */
export interface Placement {
  /** A day separator goes above it. */
  opensDay: boolean;
  /** First of a run by one author: carries the name. */
  startsRun: boolean;
  /** Last of a run: carries the time. */
  endsRun: boolean;
}

function sameAuthor(a: Message | undefined, b: Message | undefined): boolean {
  return !!a && !!b && a.sender_type === b.sender_type && a.sender_id === b.sender_id && b.sender_type !== "system";
}

/**
 * Lays out a log (oldest first) as seen at `now`. A day separator goes where the local day
 * changes, and above the first message unless it is from today, since nothing else would date
 * it; older messages loaded above take that separator up with them. Consecutive messages of one
 * author form a run (one name on top, one time below), and a separator ends a run.
 */
export function placeMessages(messages: readonly Message[], now: number): Placement[] {
  const today = new Date(now).toISOString();
  const opensDay = messages.map((message, i) => !sameDay(messages[i - 1]?.timestamp ?? today, message.timestamp));
  return messages.map((message, i) => ({
    opensDay: opensDay[i] === true,
    startsRun: opensDay[i] === true || !sameAuthor(messages[i - 1], message),
    endsRun: opensDay[i + 1] === true || !sameAuthor(message, messages[i + 1]),
  }));
}
