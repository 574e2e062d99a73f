import { logEvent } from "../../lib/log";
import type { Customer, DashboardServerFrame, Message } from "../../protocol";
import type { ConversationState, StateRequest } from "../contracts";
import type { CustomerEntry } from "./customer-store";
import { sharedCustomer, toCustomer } from "./customer-view";
import type { DashboardAttachment, Dashboards, ViewerFields } from "./dashboards";
import type { ReadStore } from "./read-store";

/**
 * What the lobby tells the dashboards of its workspace (SPEC §7) when a session starts, is asked
 * for, changes hands or stops, when messages land and when a visitor types. Each event says only
 * what did change, judged from the state before and after. A frame is serialized once; the two
 * fields that differ per agent are filled in per agent, so the work per dashboard is constant.
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
    this.customerEvent(entry, now, (customer) => ({ type: "new_session", data: { customer } }));
  }

  /** `agent_requested` when a session just started waiting for a human (not when it was released); true if sent. */
  requested(previous: ConversationState, entry: CustomerEntry, reason: string, now: number): boolean {
    const requested = entry.state.status === "waiting" && previous.status !== "waiting" && previous.status !== "assigned";
    if (!requested) return false;
    logEvent("escalation", { conversation_id: entry.conversationId, reason });
    this.customerEvent(entry, now, (customer) => ({
      type: "agent_requested",
      data: { customer_id: entry.visitorId, customer_name: entry.visitorName, page_id: entry.siteId, reason, customer },
    }));
    return true;
  }

  /** `agent_assignment_changed` for what agents did, and for a reopening that went back to its agent. */
  assignment(entry: CustomerEntry, previous: ConversationState, request: StateRequest): void {
    const byAgent = request.type === "assign" || request.type === "unassign" || request.type === "transfer";
    if (!byAgent && !(request.type === "reopen" && entry.state.agent)) return;
    const action = request.type === "unassign" ? "unassigned" : "assigned";
    const agent = action === "assigned" ? entry.state.agent : previous.agent;
    this.customerEvent(entry, Date.now(), (customer) => ({
      type: "agent_assignment_changed",
      data: {
        action,
        customer_id: entry.visitorId,
        page_id: entry.siteId,
        agent_id: agent?.id ?? null,
        agent_name: agent?.name ?? null,
        customer,
      },
    }));
  }

  /** `customer_stop_status_changed` when a session starts or stops waiting on a human; true if sent. */
  stopChange(previous: ConversationState, entry: CustomerEntry): boolean {
    const stopped = isStopped(entry.state);
    if (isStopped(previous) === stopped) return false;
    this.customerEvent(entry, Date.now(), (customer) => ({ type: "customer_stop_status_changed", data: { stop: stopped, customer } }));
    return true;
  }

  /**
   * Messages of one report (oldest first): each as `new_message` to every dashboard of the
   * default feed and to the relevant feed's dashboards it is relevant to (SPEC §7); then the
   * list's new state as one `session_updated` to the relevant feed's dashboards, unless a frame
   * carrying the customer went to every dashboard for this report already (`listed`). Reports
   * come at most one per conversation every couple of seconds, which coalesces the updates.
   */
  messages(entry: CustomerEntry, messages: readonly Message[], now: number, listed = false): void {
    if (messages.length === 0) return;
    for (const message of messages) {
      this.dashboards.publish(
        {
          type: "new_message",
          data: { customer_id: entry.visitorId, page_id: entry.siteId, message, is_human: message.sender_type === "agent" },
        },
        (attachment) => attachment.feed === "all" || isRelevant(entry, attachment),
      );
    }
    if (!listed && entry.state.status !== "closed") {
      this.customerEvent(entry, now, (customer) => ({ type: "session_updated", data: { customer } }), (attachment) => attachment.feed === "relevant");
    }
  }

  /** A visitor typing: to every dashboard of the default feed, and to those viewing the customer. */
  typing(entry: CustomerEntry, isTyping: boolean): void {
    this.dashboards.publish(
      {
        type: "typing",
        data: { customer_id: entry.visitorId, page_id: entry.siteId, sender_type: "user", sender_name: entry.visitorName, is_typing: isTyping },
      },
      (attachment) => attachment.feed === "all" || attachment.viewing.includes(entry.visitorId),
    );
  }

  private customerEvent(
    entry: CustomerEntry,
    now: number,
    frame: (customer: Customer) => DashboardServerFrame,
    to?: (attachment: DashboardAttachment) => boolean,
  ): void {
    let unread: ((agentId: string) => number) | null = null;
    const viewerFields = (agentId: string): ViewerFields => {
      unread ??= this.reads.unreadForEveryone(entry.conversationId);
      return { is_assigned_to_me: entry.state.agent?.id === agentId, unread_count: unread(agentId) };
    };
    this.dashboards.publishCustomer(() => sharedCustomer(entry, now), (customer) => frame(customer as Customer), viewerFields, to);
  }
}

function isStopped(state: ConversationState): boolean {
  return state.status === "waiting" || state.status === "assigned";
}

/** SPEC §7's relevant feed: the agent's own customers, waiting ones, and those it views. */
function isRelevant(entry: CustomerEntry, attachment: DashboardAttachment): boolean {
  return entry.state.agent?.id === attachment.agent.id || entry.state.status === "waiting" || attachment.viewing.includes(entry.visitorId);
}
