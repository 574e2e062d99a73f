import { useRef } from "preact/hooks";
import { activeTab, INBOX_TABS, tabCounts, type InboxTab } from "../../state/inbox";

export const TAB_PANEL_ID = "inbox-panel";
export const tabId = (tab: InboxTab) => `inbox-tab-${tab}`;

/** The inbox views as ARIA tabs: arrow keys move between them, counts stay current. */
export function FilterTabs() {
  const list = useRef<HTMLDivElement>(null);
  const counts = tabCounts.value;

  const select = (tab: InboxTab, focus: boolean) => {
    activeTab.value = tab;
    if (focus) list.current?.querySelector<HTMLElement>(`#${tabId(tab)}`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const index = INBOX_TABS.findIndex((tab) => tab.id === activeTab.value);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: INBOX_TABS.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(INBOX_TABS[(target + INBOX_TABS.length) % INBOX_TABS.length]!.id, true);
  };

  return (
    <div class="filter-tabs" role="tablist" aria-label="Inbox views" ref={list} onKeyDown={onKeyDown}>
      {INBOX_TABS.map((tab) => {
        const selected = activeTab.value === tab.id;
        const count = tab.id === "closed" ? null : counts[tab.id];
        return (
          <button
            key={tab.id}
            id={tabId(tab.id)}
            type="button"
            role="tab"
            class={`filter-tab filter-tab--${tab.id}`}
            aria-selected={selected}
            aria-controls={TAB_PANEL_ID}
            tabIndex={selected ? 0 : -1}
            title={tab.hint}
            onClick={() => select(tab.id, false)}
          >
            <span class="filter-tab__label">{tab.label}</span>
            {count !== null && (
              <span class="filter-tab__count" data-count={count}>
                {count}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
