import { tabRows, siteFilter, type LiveTab, type TabRows } from "../../state/inbox";
import { liveCustomerSignal, liveReady, typingCustomers } from "../../state/live-sessions";
import { useVirtualRows } from "../../lib/use-virtual-rows";
import { EmptyState } from "../empty-state/EmptyState";
import { EMPTY_VIEWS } from "./empty-views";
import { InboxRow, type RowPosition } from "./InboxRow";
import { rowFromCustomer } from "./row-model";

interface LiveRowsProps {
  tab: LiveTab;
  selectedId: string | null;
  /** The element the list scrolls in. */
  scroller: () => HTMLElement | null;
}

/** Open conversations of a view, straight from the live socket. */
export function LiveRows({ tab, selectedId, scroller }: LiveRowsProps) {
  if (!liveReady.value) return <p class="inbox-list__loading" role="status">Loading conversations…</p>;
  const rows = tabRows(tab);
  if (rows.length === 0) {
    const empty = EMPTY_VIEWS[tab];
    return (
      <EmptyState icon="inbox" title={siteFilter.value ? `${empty.title} on this site` : empty.title}>
        <p>{empty.body}</p>
      </EmptyState>
    );
  }
  return <VirtualRowList rows={rows} selectedId={selectedId} scroller={scroller} />;
}

/** A row's height before it is measured (px): two lines of text and the meta line. */
const ROW_ESTIMATE_PX = 86;
/** The list's inset inside the scroller, matching `.inbox-list__rows` (px). */
const LIST_INSET_PX = 6;

/** Renders only the rows in and near view, so thousands of open conversations scroll smoothly. */
function VirtualRowList({ rows, selectedId, scroller }: { rows: TabRows; selectedId: string | null; scroller: () => HTMLElement | null }) {
  const virtual = useVirtualRows({
    count: rows.length,
    scroller,
    estimateRowPx: ROW_ESTIMATE_PX,
    keyAt: rows.keyAt,
    paddingStartPx: LIST_INSET_PX,
    paddingEndPx: LIST_INSET_PX,
  });
  return (
    <ul class="inbox-list__rows inbox-list__rows--virtual" style={{ height: `${virtual.totalPx}px` }} aria-label="Conversations">
      {virtual.rows.map((item) => (
        <LiveRow
          key={item.key}
          rowKey={rows.keyAt(item.index)}
          selectedId={selectedId}
          position={{ index: item.index, startPx: item.start, setSize: rows.length, measure: virtual.measure }}
        />
      ))}
    </ul>
  );
}

/** One row, subscribed to its own customer only: an event about it re-renders just this row. */
function LiveRow({ rowKey, selectedId, position }: { rowKey: string; selectedId: string | null; position: RowPosition }) {
  const customer = liveCustomerSignal(rowKey)?.value;
  if (!customer) return null;
  return <InboxRow row={rowFromCustomer(customer, typingCustomers.value)} selected={customer.session_id === selectedId} position={position} />;
}
