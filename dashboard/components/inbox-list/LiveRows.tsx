import { liveRows, siteFilter, type InboxTab } from "../../state/inbox";
import { liveReady, typingCustomers } from "../../state/live-sessions";
import { EmptyState } from "../empty-state/EmptyState";
import { EMPTY_VIEWS } from "./empty-views";
import { InboxRow } from "./InboxRow";
import { rowFromCustomer } from "./row-model";

/** Open conversations of a view, straight from the live socket. */
export function LiveRows({ tab, selectedId }: { tab: Exclude<InboxTab, "closed">; selectedId: string | null }) {
  if (!liveReady.value) return <p class="inbox-list__loading" role="status">Loading conversations…</p>;
  const rows = liveRows.value;
  if (rows.length === 0) {
    const empty = EMPTY_VIEWS[tab];
    return (
      <EmptyState icon="inbox" title={siteFilter.value ? `${empty.title} on this site` : empty.title}>
        <p>{empty.body}</p>
      </EmptyState>
    );
  }
  const typing = typingCustomers.value;
  return (
    <ul class="inbox-list__rows" aria-label="Conversations">
      {rows.map((customer) => (
        <InboxRow key={customer.session_id} row={rowFromCustomer(customer, typing)} selected={customer.session_id === selectedId} />
      ))}
    </ul>
  );
}
