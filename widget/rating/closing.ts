import type { Message } from "@parley/protocol";
import { SYSTEM_EVENTS } from "@parley/protocol/system-events";

/**
 * The closing the visitor may still rate, as the seq of its `closed` line: the newest one, unless
 * a `rated` line follows it (rated in another tab, or before a reload) or the site was deleted,
 * which voids its tokens. Null when there is nothing to rate. The server allows one rating per
 * closing too, so a conversation reopened and closed again is asked again.
 */
export function closingToRate(messages: readonly Message[]): number | null {
  const last = messages.findLast(
    (message) => message.sender_type === "system" && (message.metadata?.event === SYSTEM_EVENTS.closed || message.metadata?.event === SYSTEM_EVENTS.rated),
  );
  return last?.metadata?.event === SYSTEM_EVENTS.closed && last.metadata.reason !== "site_deleted" ? last.seq : null;
}
