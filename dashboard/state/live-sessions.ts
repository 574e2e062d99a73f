import { batch, signal, type ReadonlySignal, type Signal } from "@preact/signals";
import type { Customer, Message } from "@parley/protocol";
import { SYSTEM_EVENTS } from "@parley/protocol/system-events";

/** How the dashboard socket names a customer: the visitor on a site (SPEC §7). */
export type CustomerTarget = Pick<Customer, "customer_id" | "page_id">;

export const keyOf = (target: CustomerTarget): string => `${target.page_id}/${target.customer_id}`;

/**
 * Every open support session of the workspace, as the lobby last described it: one signal per
 * customer, so an event changes one row and re-renders only what shows that row. The socket's
 * first `sessions` page replaces the whole set on each (re)connect; the next pages and events
 * patch it. Work per event is constant: nothing here walks every customer.
 */
const rows = new Map<string, Signal<Customer>>();
const keyBySession = new Map<string, string>();

/** Bumped when a customer joins or leaves the set (not when one changes). */
const membership = signal(0);

/** False until the first `sessions` frame: an empty inbox and a loading one look different. */
export const liveReady = signal(false);

/** Customers whose visitor is typing right now. */
export const typingCustomers = signal<ReadonlySet<string>>(new Set());

/** Views kept from the set (the inbox's ordered tabs, the title's unread count) hear every change. */
export interface CustomerListener {
  /** `previous` undefined: it joined; `next` undefined: it left. */
  changed(previous: Customer | undefined, next: Customer | undefined): void;
  /** The set was emptied (a reconnect's first page, or sign-out). */
  reset(): void;
}

const listeners: CustomerListener[] = [];

export function listenToCustomers(listener: CustomerListener): void {
  listeners.push(listener);
}

/** The customer behind a key; reactive to that row, and to customers joining or leaving. */
export function liveCustomer(key: string): Customer | undefined {
  void membership.value;
  return rows.get(key)?.value;
}

export function liveCustomerSignal(key: string): ReadonlySignal<Customer> | undefined {
  return rows.get(key);
}

/** The customer of a conversation, by its session id; reactive like `liveCustomer`. */
export function liveCustomerOfSession(sessionId: string): Customer | undefined {
  void membership.value;
  const key = keyBySession.get(sessionId);
  return key === undefined ? undefined : liveCustomer(key);
}

/** Every customer now, unread by any signal: for a view that rebuilds itself (a new site filter). */
export function* everyLiveCustomer(): Generator<Customer> {
  for (const row of rows.values()) yield row.peek();
}

/** The first page of a (re)connect: what was there before is stale. */
export function replaceCustomers(customers: readonly Customer[]): void {
  batch(() => {
    clear();
    mergeCustomers(customers);
    liveReady.value = true;
  });
}

/** A later page: newer than anything the socket said before it. */
export function mergeCustomers(customers: readonly Customer[]): void {
  batch(() => {
    for (const customer of customers) upsertCustomer(customer);
  });
}

export function forgetCustomers(): void {
  batch(() => {
    clear();
    typingCustomers.value = new Set();
    liveReady.value = false;
  });
}

/** A closed session leaves the live list; the Closed view reads those from REST. */
export function upsertCustomer(customer: Customer): void {
  const key = keyOf(customer);
  const row = rows.get(key);
  const previous = row?.peek();
  if (customer.status === "closed") {
    if (!row) return;
    rows.delete(key);
    keyBySession.delete(customer.session_id);
    membership.value++;
  } else if (row) {
    row.value = customer;
  } else {
    rows.set(key, signal(customer));
    keyBySession.set(customer.session_id, key);
    membership.value++;
  }
  const next = customer.status === "closed" ? undefined : customer;
  for (const listener of listeners) listener.changed(previous, next);
}

/**
 * A message of an open session: moves its preview and, for a visitor message the agent is not
 * looking at, its unread count (the server's `read` frame corrects the count when read).
 * Returns true when the message closed the session.
 */
export function recordMessage(target: CustomerTarget, message: Message, options: { viewing: boolean }): boolean {
  const current = rows.get(keyOf(target))?.peek();
  if (!current || message.seq <= current.last_seq) return false;
  if (message.sender_type === "system" && message.metadata?.["event"] === SYSTEM_EVENTS.closed) {
    upsertCustomer({ ...current, status: "closed" });
    return true;
  }
  const unseen = message.sender_type === "user" && !options.viewing;
  // As on the server: system notes ("Sam joined") make poor previews; the list shows what people wrote.
  const preview = message.sender_type === "system" ? {} : { last_message: message.content.slice(0, 140), last_message_at: message.timestamp };
  batch(() => {
    upsertCustomer({
      ...current,
      ...preview,
      last_seq: message.seq,
      unread_count: current.unread_count + (unseen ? 1 : 0),
    });
    if (message.sender_type === "user") setVisitorTyping(target, false);
  });
  return false;
}

export function setUnread(target: CustomerTarget, unread: number): void {
  const current = rows.get(keyOf(target))?.peek();
  if (current && current.unread_count !== unread) upsertCustomer({ ...current, unread_count: unread });
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
  // Only customers typing right now are in the set: copying it is cheap.
  const next = new Set(typingCustomers.value);
  if (isTyping) next.add(key);
  else next.delete(key);
  typingCustomers.value = next;
}

function clear(): void {
  rows.clear();
  keyBySession.clear();
  membership.value++;
  for (const listener of listeners) listener.reset();
}
