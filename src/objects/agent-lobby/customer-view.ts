import type { Customer } from "../../protocol";
import { iso, isoOrNull } from "../../lib/time";
import type { CustomerEntry } from "./customer-store";

/** "5 minutes", "2 hours": how long ago, in the words the seeds' dashboards show. */
export function humanDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "less than a minute";
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, "hour");
  return plural(Math.floor(hours / 24), "day");
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** A customer without the two fields that differ per agent: what every dashboard shares. */
export type SharedCustomer = Omit<Customer, "is_assigned_to_me" | "unread_count">;

export function sharedCustomer(entry: CustomerEntry, now: number): SharedCustomer {
  const { state } = entry;
  return {
    customer_id: entry.visitorId,
    customer_name: entry.visitorName,
    page_id: entry.siteId,
    page_name: entry.siteName,
    status: state.status,
    last_message: entry.lastMessage,
    last_message_at: isoOrNull(entry.lastMessageAt),
    waiting_since: isoOrNull(state.waitingSince),
    time_since_last_conversation: humanDuration(now - (entry.lastMessageAt ?? entry.startedAt)),
    is_assigned: state.status === "assigned",
    agent_id: state.agent?.id ?? null,
    agent_name: state.agent?.name ?? null,
    session_id: entry.conversationId,
    escalation_reason: entry.escalationReason,
    started_at: iso(entry.startedAt),
    last_seq: entry.lastSeq,
  };
}

/** The SPEC §7 customer object, as one particular agent sees it. */
export function toCustomer(entry: CustomerEntry, viewer: { agentId: string; unread: number }, now: number): Customer {
  return {
    ...sharedCustomer(entry, now),
    is_assigned_to_me: entry.state.agent?.id === viewer.agentId,
    unread_count: viewer.unread,
  };
}
