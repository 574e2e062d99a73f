import { logEvent } from "../../lib/log";
import type { Customer, Message } from "../../protocol";
import type { ConversationState, StateRequest } from "../contracts";
import type { CustomerEntry } from "./customer-store";
import { toCustomer } from "./customer-view";
import type { Dashboards } from "./dashboards";
import type { ReadStore } from "./read-store";

/**
 * What the lobby tells every dashboard of its workspace (SPEC §7) when a session starts, is
 * asked for, changes hands or stops, and when a message lands. Each event says only what did
 * change, judged from the state before and after.
 */
export class Announcements {
  constructor(
    private readonly dashboards: Dashboards,
    private readonly reads: ReadStore,
  ) {}

  /** The SPEC §7 customer as one agent sees it: what is theirs and what they have not read. */
  view(entry: CustomerEntry, viewerId: string, now = Date.now()): Customer {
    return toCustomer(entry, { agentId: viewerId, unread: this.reads.unread(viewerId, entry.conversationId) }, now);
  }

  newSession(entry: CustomerEntry, now: number): void {
    this.dashboards.publish((viewer) => ({ type: "new_session", data: { customer: this.view(entry, viewer.id, now) } }));
  }

  /** `agent_requested` when a session just started waiting for a human (not when it was released). */
  requested(previous: ConversationState, entry: CustomerEntry, reason: string, now: number): void {
    const requested = entry.state.status === "waiting" && previous.status !== "waiting" && previous.status !== "assigned";
    if (!requested) return;
    logEvent("escalation", { conversation_id: entry.conversationId, reason });
    this.dashboards.publish((viewer) => ({
      type: "agent_requested",
      data: {
        customer_id: entry.visitorId,
        customer_name: entry.visitorName,
        page_id: entry.siteId,
        reason,
        customer: this.view(entry, viewer.id, now),
      },
    }));
  }

  /** `agent_assignment_changed` for what agents did, and for a reopening that went back to its agent. */
  assignment(entry: CustomerEntry, previous: ConversationState, request: StateRequest): void {
    const byAgent = request.type === "assign" || request.type === "unassign" || request.type === "transfer";
    if (!byAgent && !(request.type === "reopen" && entry.state.agent)) return;
    const action = request.type === "unassign" ? "unassigned" : "assigned";
    const agent = action === "assigned" ? entry.state.agent : previous.agent;
    const now = Date.now();
    this.dashboards.publish((viewer) => ({
      type: "agent_assignment_changed",
      data: {
        action,
        customer_id: entry.visitorId,
        page_id: entry.siteId,
        agent_id: agent?.id ?? null,
        agent_name: agent?.name ?? null,
        customer: this.view(entry, viewer.id, now),
      },
    }));
  }

  stopChange(previous: ConversationState, entry: CustomerEntry): void {
    const stopped = isStopped(entry.state);
    if (isStopped(previous) === stopped) return;
    const now = Date.now();
    this.dashboards.publish((viewer) => ({
      type: "customer_stop_status_changed",
      data: { stop: stopped, customer: this.view(entry, viewer.id, now) },
    }));
  }

  message(entry: CustomerEntry, message: Message): void {
    this.dashboards.publish(() => ({
      type: "new_message",
      data: { customer_id: entry.visitorId, page_id: entry.siteId, message, is_human: message.sender_type === "agent" },
    }));
  }
}

function isStopped(state: ConversationState): boolean {
  return state.status === "waiting" || state.status === "assigned";
}
