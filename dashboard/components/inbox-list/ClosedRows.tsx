import { closedList, loadClosed } from "../../state/closed-list";
import { siteFilter } from "../../state/inbox";
import { EmptyState } from "../empty-state/EmptyState";
import { EMPTY_VIEWS } from "./empty-views";
import { InboxRow } from "./InboxRow";
import { rowFromListItem } from "./row-model";

/** Closed conversations over REST, with "Load more" following the keyset cursor. */
export function ClosedRows({ meId, selectedId }: { meId: string; selectedId: string | null }) {
  const { items, nextCursor, loading, error } = closedList.value;
  if (items.length === 0 && loading) return <p class="inbox-list__loading" role="status">Loading closed conversations…</p>;
  if (items.length === 0 && !error) {
    const empty = EMPTY_VIEWS.closed;
    return (
      <EmptyState icon="history" title={siteFilter.value ? `${empty.title} on this site` : empty.title}>
        <p>{empty.body}</p>
      </EmptyState>
    );
  }
  return (
    <>
      {items.length > 0 && (
        <ul class="inbox-list__rows" aria-label="Closed conversations">
          {items.map((item) => (
            <InboxRow key={item.id} row={rowFromListItem(item, meId)} selected={item.id === selectedId} />
          ))}
        </ul>
      )}
      {error && (
        <div class="inbox-list__error" role="alert">
          <p>{error}</p>
          <button type="button" class="button" onClick={() => void loadClosed({ more: items.length > 0 })}>
            Try again
          </button>
        </div>
      )}
      {nextCursor && !error && (
        <div class="inbox-list__more">
          <button type="button" class="button" disabled={loading} onClick={() => void loadClosed({ more: true })}>
            {loading ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}
