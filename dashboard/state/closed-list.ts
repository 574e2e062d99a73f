import { effect, signal, untracked } from "@preact/signals";
import type { ConversationListItem, ConversationListResponse } from "@parley/protocol";
import { requestJson } from "../lib/http";
import { activeTab, siteFilter } from "./inbox";

export interface ClosedList {
  items: ConversationListItem[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
}

const PAGE_SIZE = 25;

/** Closed conversations come from REST, newest activity first, a page at a time. */
export const closedList = signal<ClosedList>({ items: [], nextCursor: null, loading: false, error: null });

/** Bumped by every fresh load, so a slow answer for an old site filter is dropped. */
let generation = 0;

export async function loadClosed(options: { more: boolean }): Promise<void> {
  const current = closedList.value;
  if (options.more && (!current.nextCursor || current.loading)) return;
  const mine = options.more ? generation : ++generation;
  const query = new URLSearchParams({ filter: "closed", limit: String(PAGE_SIZE) });
  if (siteFilter.value) query.set("site_id", siteFilter.value);
  if (options.more && current.nextCursor) query.set("cursor", current.nextCursor);
  closedList.value = { ...current, items: options.more ? current.items : [], loading: true, error: null };
  try {
    const page = await requestJson<ConversationListResponse>(`/api/conversations?${query}`);
    if (mine !== generation) return;
    const items = options.more ? [...closedList.value.items, ...page.conversations] : page.conversations;
    closedList.value = { items, nextCursor: page.next_cursor, loading: false, error: null };
  } catch (error) {
    if (mine !== generation) return;
    const message = error instanceof Error ? error.message : "Closed conversations could not be loaded.";
    closedList.value = { ...closedList.value, loading: false, error: message };
  }
}

/** Loads the first page whenever the Closed view is shown or its site filter changes. */
export function followClosedView(): () => void {
  return effect(() => {
    if (activeTab.value !== "closed") return;
    void siteFilter.value;
    untracked(() => void loadClosed({ more: false }));
  });
}

/** A conversation just closed while the Closed view is on screen: show it without a manual reload. */
export function refreshClosedIfShown(): void {
  if (activeTab.value === "closed") void loadClosed({ more: false });
}
