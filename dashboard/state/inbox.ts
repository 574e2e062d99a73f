import { computed, effect, signal, untracked } from "@preact/signals";
import type { Customer } from "@parley/protocol";
import { readStored, writeStored } from "@parley/browser/storage";
import { SortedKeys } from "../lib/sorted-keys";
import { everyLiveCustomer, keyOf, listenToCustomers, liveCustomer } from "./live-sessions";

export type InboxTab = "waiting" | "mine" | "open" | "bot" | "closed";

export const INBOX_TABS: ReadonlyArray<{ id: InboxTab; label: string; hint: string }> = [
  { id: "waiting", label: "Waiting", hint: "Visitors who asked for a human and have nobody yet" },
  { id: "mine", label: "Mine", hint: "Conversations assigned to you" },
  { id: "open", label: "Open", hint: "All open conversations, including the bot's" },
  { id: "bot", label: "Bot", hint: "Conversations the bot is handling" },
  { id: "closed", label: "Closed", hint: "Finished conversations" },
];

const isTab = (value: string | null): value is InboxTab => INBOX_TABS.some((tab) => tab.id === value);
const savedTab = readStored<string>("parley.dashboard.tab");

export const activeTab = signal<InboxTab>(isTab(savedTab) ? savedTab : "open");
/** A site id, or "" for every site. */
export const siteFilter = signal<string>(readStored<string>("parley.dashboard.site") ?? "");

effect(() => {
  writeStored("parley.dashboard.tab", activeTab.value);
});
effect(() => {
  writeStored("parley.dashboard.site", siteFilter.value);
});

/** The tabs the live socket fills; Closed comes from REST. */
export type LiveTab = Exclude<InboxTab, "closed">;
const LIVE_TABS: readonly LiveTab[] = ["waiting", "mine", "open", "bot"];

function matchesTab(customer: Customer, tab: LiveTab): boolean {
  switch (tab) {
    case "waiting":
      return customer.status === "waiting";
    case "mine":
      return customer.is_assigned_to_me;
    case "bot":
      return customer.status === "bot";
    case "open":
      return true;
  }
}

/** Where a customer sorts in a tab, ascending: longest wait first in Waiting, latest activity elsewhere. */
function rankIn(customer: Customer, tab: LiveTab): number {
  if (tab === "waiting") return Date.parse(customer.waiting_since ?? customer.started_at);
  return -Date.parse(customer.last_message_at ?? customer.started_at);
}

/**
 * Each live tab's customers in order, for the chosen sites, kept up to date one change at a
 * time: an event moves one key in each tab it touches (a binary search), never re-sorts the
 * list. `listVersion` changes only when some tab's membership or order did.
 */
const orders: Record<LiveTab, SortedKeys> = { waiting: new SortedKeys(), mine: new SortedKeys(), open: new SortedKeys(), bot: new SortedKeys() };
const listVersion = signal(0);

function place(customer: Customer, tab: LiveTab): number | null {
  const site = siteFilter.peek();
  return (!site || customer.page_id === site) && matchesTab(customer, tab) ? rankIn(customer, tab) : null;
}

listenToCustomers({
  changed(previous, next) {
    let moved = false;
    for (const tab of LIVE_TABS) {
      const before = previous ? place(previous, tab) : null;
      const after = next ? place(next, tab) : null;
      if (before === after) continue;
      if (before !== null) orders[tab].remove(keyOf(previous!), before);
      if (after !== null) orders[tab].insert(keyOf(next!), after);
      moved = true;
    }
    if (moved) listVersion.value++;
  },
  reset() {
    for (const tab of LIVE_TABS) orders[tab].clear();
    listVersion.value++;
  },
});

// A new site filter is the one change that rebuilds the tabs (the agent asked for it).
effect(() => {
  void siteFilter.value;
  untracked(() => {
    for (const tab of LIVE_TABS) orders[tab].clear();
    for (const customer of everyLiveCustomer()) {
      for (const tab of LIVE_TABS) {
        const rank = place(customer, tab);
        if (rank !== null) orders[tab].insert(keyOf(customer), rank);
      }
    }
    listVersion.value++;
  });
});

/** A live tab as the list reads it: its length and the key at a position. Reactive to its order. */
export interface TabRows {
  length: number;
  keyAt(index: number): string;
}

export function tabRows(tab: LiveTab): TabRows {
  void listVersion.value;
  const order = orders[tab];
  return { length: order.length, keyAt: (index) => order.at(index)! };
}

export const tabCounts = computed(() => {
  void listVersion.value;
  const counts: Record<InboxTab, number> = { waiting: 0, mine: 0, open: 0, bot: 0, closed: 0 };
  for (const tab of LIVE_TABS) counts[tab] = orders[tab].length;
  return counts;
});

/** Visitors waiting for a human on the chosen sites: how many, and who has waited longest. */
export const waitingQueue = computed(() => {
  void listVersion.value;
  const first = orders.waiting.at(0);
  return { count: orders.waiting.length, longest: first === undefined ? undefined : liveCustomer(first) };
});
