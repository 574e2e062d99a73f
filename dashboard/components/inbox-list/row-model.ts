import type { ConversationListItem, ConversationStatus, Customer } from "@parley/protocol";
import { keyOf } from "../../state/live-sessions";

/** What one inbox row shows, whether it came from the live socket or from REST. */
export interface RowModel {
  sessionId: string;
  visitorId: string;
  name: string;
  siteName: string;
  status: ConversationStatus;
  /** "You", a colleague's name, or null when nobody has it. */
  assignee: string | null;
  preview: string | null;
  at: string | null;
  waitingSince: string | null;
  unread: number;
  typing: boolean;
}

export function rowFromCustomer(customer: Customer, typing: ReadonlySet<string>): RowModel {
  return {
    sessionId: customer.session_id,
    visitorId: customer.customer_id,
    name: customer.customer_name,
    siteName: customer.page_name,
    status: customer.status,
    assignee: customer.is_assigned_to_me ? "You" : customer.agent_name,
    preview: customer.last_message,
    at: customer.last_message_at ?? customer.started_at,
    waitingSince: customer.status === "waiting" ? customer.waiting_since : null,
    unread: customer.unread_count,
    typing: typing.has(keyOf(customer)),
  };
}

export function rowFromListItem(item: ConversationListItem, meId: string): RowModel {
  return {
    sessionId: item.id,
    visitorId: item.visitor_id ?? item.id,
    name: item.visitor_name ?? "Visitor",
    siteName: item.site_name ?? "",
    status: item.status,
    assignee: item.agent ? (item.agent.id === meId ? "You" : item.agent.name) : null,
    preview: item.last_message,
    at: item.closed_at ?? item.last_message_at ?? item.updated_at,
    waitingSince: null,
    unread: 0,
    typing: false,
  };
}
