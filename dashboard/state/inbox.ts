import { computed, effect, signal } from "@preact/signals";
import type { Customer } from "@parley/protocol";
import { readStored, writeStored } from "@parley/browser/storage";
import { liveCustomers } from "./live-sessions";

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

effect(() => writeStored("parley.dashboard.tab", activeTab.value));
effect(() => writeStored("parley.dashboard.site", siteFilter.value));

function matchesTab(customer: Customer, tab: InboxTab): boolean {
  switch (tab) {
    case "waiting":
      return customer.status === "waiting";
    case "mine":
      return customer.is_assigned_to_me;
    case "bot":
      return customer.status === "bot";
    case "open":
      return true;
    case "closed":
      return false;
  }
}

const inSite = computed(() => {
  const site = siteFilter.value;
  return [...liveCustomers.value.values()].filter((customer) => !site || customer.page_id === site);
});

export const tabCounts = computed(() => {
  const counts: Record<InboxTab, number> = { waiting: 0, mine: 0, open: 0, bot: 0, closed: 0 };
  for (const customer of inSite.value) {
    for (const tab of INBOX_TABS) if (matchesTab(customer, tab.id)) counts[tab.id]++;
  }
  return counts;
});

const activity = (customer: Customer) => Date.parse(customer.last_message_at ?? customer.started_at);
const waitedSince = (customer: Customer) => Date.parse(customer.waiting_since ?? customer.started_at);

/** Visitors waiting for a human on the chosen sites, longest wait first: who to help next. */
export const waitingQueue = computed(() =>
  inSite.value.filter((customer) => customer.status === "waiting").sort((a, b) => waitedSince(a) - waitedSince(b)),
);

/** The open conversations of the active tab: longest wait first in Waiting, latest activity elsewhere. */
export const liveRows = computed(() => {
  const tab = activeTab.value;
  if (tab === "waiting") return waitingQueue.value;
  return inSite.value.filter((customer) => matchesTab(customer, tab)).sort((a, b) => activity(b) - activity(a));
});
