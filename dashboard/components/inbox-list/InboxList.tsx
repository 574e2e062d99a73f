import type { MeResponse } from "@parley/protocol";
import { useRef } from "preact/hooks";
import { activeTab, siteFilter, type InboxTab } from "../../state/inbox";
import { openSessionId } from "../../state/route";
import { sites } from "../../state/sites";
import { ClosedRows } from "./ClosedRows";
import { FilterTabs, TAB_PANEL_ID, tabId } from "./FilterTabs";
import { LiveRows } from "./LiveRows";
import "./inbox-list.css";

const TITLES: Record<InboxTab, string> = { waiting: "Waiting", mine: "Assigned to me", open: "All open", bot: "With the bot", closed: "Closed" };

/** The list column: views with counts, a site filter, and the conversations of the chosen view. */
export function InboxList({ me }: { me: MeResponse }) {
  const tab = activeTab.value;
  const panel = useRef<HTMLDivElement>(null);
  return (
    <aside class="inbox-list" aria-label="Inbox">
      <div class="inbox-list__head">
        <h1 class="inbox-list__title">{TITLES[tab]}</h1>
        <SiteFilter />
      </div>
      <FilterTabs />
      <div class="inbox-list__panel" ref={panel} id={TAB_PANEL_ID} role="tabpanel" aria-labelledby={tabId(tab)}>
        {tab === "closed" ? (
          <ClosedRows meId={me.agent.id} selectedId={openSessionId.value} />
        ) : (
          <LiveRows tab={tab} selectedId={openSessionId.value} scroller={() => panel.current} />
        )}
      </div>
    </aside>
  );
}

function SiteFilter() {
  return (
    <label class="site-filter">
      <span class="visually-hidden">Show conversations of</span>
      <select value={siteFilter.value} onChange={(event) => (siteFilter.value = event.currentTarget.value)}>
        <option value="">All sites</option>
        {sites.value.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
    </label>
  );
}
