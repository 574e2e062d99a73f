import { effect } from "@preact/signals";
import { SESSIONS_PAGE_MAX } from "@parley/protocol/limits";
import type { DashboardEvent } from "@parley/protocol";
import { mergeCustomers, replaceCustomers } from "./live-sessions";
import { lobbyLink, sendToLobby } from "./lobby-link";
import { openConversation } from "./open-conversation";
import { summarize } from "./conversation/summary";

/**
 * How this dashboard reads the workspace socket (SPEC §7). It asks for the relevant feed:
 * messages only of its own, waiting and open customers, the rest of the list as coalesced
 * `session_updated`; and for batches, one socket message per lobby event. The list arrives in pages: the first on every (re)connect replaces what
 * was shown, and the next ones are asked for one after another until the cursor runs out.
 */
let nextCursor: string | null = null;

/** On `connected`: a new socket, whose feed and views start from scratch. */
export function feedConnected(): void {
  nextCursor = null;
  sendToLobby({ type: "set_feed", data: { messages: "relevant", batch: true } });
  viewed = null;
  syncViewed();
}

export function receiveSessions(page: DashboardEvent<"sessions">["data"]): void {
  if (page.filter !== "open") return;
  if (nextCursor === null) replaceCustomers(page.customers);
  else mergeCustomers(page.customers);
  nextCursor = page.next_cursor;
  if (nextCursor === null) return;
  // A socket that drops here starts over from its next first page.
  if (!sendToLobby({ type: "get_sessions", data: { filter: "open", cursor: nextCursor, limit: SESSIONS_PAGE_MAX } })) nextCursor = null;
}

/** The customer whose conversation is on screen, told to the lobby so its messages and typing come. */
let viewed: string | null = null;

function syncViewed(): void {
  const conversation = openConversation.peek();
  const customerId = conversation ? summarize(conversation).visitorId : null;
  if (customerId === viewed) return;
  if (viewed) sendToLobby({ type: "unview_customer", data: { customer_id: viewed } });
  if (customerId && sendToLobby({ type: "view_customer", data: { customer_id: customerId } })) viewed = customerId;
  else viewed = null;
}

/** Follows the open conversation (and when its visitor becomes known) for as long as the agent is signed in. */
export function followViewedCustomer(): () => void {
  return effect(() => {
    const conversation = openConversation.value;
    if (conversation) void summarize(conversation).visitorId;
    if (lobbyLink.value === "open") syncViewed();
  });
}
