import type { AgentRef, ConversationStatus } from "@parley/protocol";
import { liveCustomerOfSession, type CustomerTarget } from "../live-sessions";
import type { OpenConversation } from "./open-conversation";

/** The header's view of a conversation, from the freshest source that knows each part. */
export interface ConversationSummary {
  name: string;
  siteName: string;
  visitorId: string | null;
  status: ConversationStatus | null;
  agent: AgentRef | null;
  waitingSince: string | null;
  escalationReason: string | null;
  /** How the lobby names this customer; null until known (actions need it). */
  target: (CustomerTarget & { session_id: string }) | null;
}

/**
 * The room's `status` frames are live for every conversation on screen; the lobby's customer
 * covers the moment before the room says hello; REST covers closed conversations.
 * Reads signals, so a component calling it re-renders when any source changes.
 */
export function summarize(conversation: OpenConversation): ConversationSummary {
  const live = liveCustomerOfSession(conversation.sessionId);
  const item = conversation.detail.value?.conversation;
  const visitor = conversation.detail.value?.visitor;
  const ready = conversation.ready.value;
  const liveAgent = live?.agent_id ? { id: live.agent_id, name: live.agent_name ?? "" } : null;
  const visitorId = live?.customer_id ?? item?.visitor_id ?? null;
  const siteId = live?.page_id ?? item?.site_id ?? null;
  return {
    name: live?.customer_name ?? visitor?.name ?? item?.visitor_name ?? "Visitor",
    siteName: live?.page_name ?? item?.site_name ?? "",
    visitorId,
    status: ready ? conversation.status.value : (live?.status ?? item?.status ?? null),
    agent: ready ? conversation.agent.value : live ? liveAgent : (item?.agent ?? null),
    waitingSince: live?.waiting_since ?? item?.waiting_since ?? null,
    escalationReason: live?.escalation_reason ?? null,
    target: visitorId && siteId ? { customer_id: visitorId, page_id: siteId, session_id: conversation.sessionId } : null,
  };
}
