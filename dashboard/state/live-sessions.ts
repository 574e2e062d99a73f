import { computed, signal } from "@preact/signals";
import type { Customer, Message } from "@parley/protocol";
import { SYSTEM_EVENTS } from "@parley/protocol/system-events";

/** How the dashboard socket names a customer: the visitor on a site (SPEC §7). */
export type CustomerTarget = Pick<Customer, "customer_id" | "page_id">;

export const keyOf = (target: CustomerTarget): string => `${target.page_id}/${target.customer_id}`;

/**
 * Every open support session of the workspace, as the lobby last described it. The socket's
 * `sessions` frame replaces it wholesale on each (re)connect; events patch it in between.
 */
export const liveCustomers = signal<ReadonlyMap<string, Customer>>(new Map());

/** False until the first `sessions` frame: an empty inbox and a loading one look different. */
export const liveReady = signal(false);

/** Customers whose visitor is typing right now. */
export const typingCustomers = signal<ReadonlySet<string>>(new Set());

export const customerBySession = computed(() => {
  const bySession = new Map<string, Customer>();
  for (const customer of liveCustomers.value.values()) bySession.set(customer.session_id, customer);
  return bySession;
});

export function replaceCustomers(customers: Customer[]): void {
  liveCustomers.value = new Map(customers.filter((c) => c.status !== "closed").map((c) => [keyOf(c), c]));
  liveReady.value = true;
}

export function forgetCustomers(): void {
  liveCustomers.value = new Map();
  typingCustomers.value = new Set();
  liveReady.value = false;
}

/** A closed session leaves the live list; the Closed view reads those from REST. */
export function upsertCustomer(customer: Customer): void {
  const next = new Map(liveCustomers.value);
  if (customer.status === "closed") next.delete(keyOf(customer));
  else next.set(keyOf(customer), customer);
  liveCustomers.value = next;
}

/**
 * A message of an open session: moves its preview and, for a visitor message the agent is not
 * looking at, its unread count (the server's `read` frame corrects the count when read).
 * Returns true when the message closed the session.
 */
export function recordMessage(target: CustomerTarget, message: Message, options: { viewing: boolean }): boolean {
  const key = keyOf(target);
  const current = liveCustomers.value.get(key);
  if (!current || message.seq <= current.last_seq) return false;
  const next = new Map(liveCustomers.value);
  if (message.sender_type === "system" && message.metadata?.["event"] === SYSTEM_EVENTS.closed) {
    next.delete(key);
    liveCustomers.value = next;
    return true;
  }
  const unseen = message.sender_type === "user" && !options.viewing;
  next.set(key, {
    ...current,
    last_message: message.content.slice(0, 140),
    last_message_at: message.timestamp,
    last_seq: message.seq,
    unread_count: current.unread_count + (unseen ? 1 : 0),
  });
  liveCustomers.value = next;
  if (message.sender_type === "user") setVisitorTyping(target, false);
  return false;
}

export function setUnread(target: CustomerTarget, unread: number): void {
  const current = liveCustomers.value.get(keyOf(target));
  if (!current || current.unread_count === unread) return;
  liveCustomers.value = new Map(liveCustomers.value).set(keyOf(target), { ...current, unread_count: unread });
}

/** A visitor who stops typing without saying so (closed tab) must not look busy forever. */
const TYPING_SHOWN_MS = 8_000;
const typingTimers = new Map<string, number>();

export function setVisitorTyping(target: CustomerTarget, isTyping: boolean): void {
  const key = keyOf(target);
  window.clearTimeout(typingTimers.get(key));
  typingTimers.delete(key);
  if (isTyping) typingTimers.set(key, window.setTimeout(() => setVisitorTyping(target, false), TYPING_SHOWN_MS));
  if (typingCustomers.value.has(key) === isTyping) return;
  const next = new Set(typingCustomers.value);
  if (isTyping) next.add(key);
  else next.delete(key);
  typingCustomers.value = next;
}
