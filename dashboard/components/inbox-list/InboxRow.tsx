import { Avatar } from "../avatar/Avatar";
import { Icon } from "../icon/Icon";
import { StatusPill } from "../status-pill/StatusPill";
import { RelativeTime, WaitingTimer } from "../time/TimeLabels";
import type { RowModel } from "./row-model";

/** Where a row sits in a virtual list: only some rows exist, each placed and measured. */
export interface RowPosition {
  index: number;
  startPx: number;
  /** How many rows the whole list has, for assistive technology. */
  setSize: number;
  measure: (element: Element | null) => void;
}

/** One conversation in the list: a link, so it opens with the keyboard and in a new tab too. */
export function InboxRow({ row, selected, position }: { row: RowModel; selected: boolean; position?: RowPosition }) {
  const unread = row.unread > 0;
  return (
    <li
      class="inbox-row-item"
      {...(position && {
        ref: position.measure,
        "data-index": position.index,
        "aria-posinset": position.index + 1,
        "aria-setsize": position.setSize,
        style: { transform: `translateY(${position.startPx}px)` },
      })}
    >
      <a
        class={`inbox-row list-row${selected ? " list-row--selected" : ""}${unread ? " inbox-row--unread" : ""}`}
        href={`#/c/${row.sessionId}`}
        aria-current={selected ? "true" : undefined}
      >
        <Avatar id={row.visitorId} name={row.name} />
        <span class="inbox-row__body">
          <span class="inbox-row__top">
            <span class="inbox-row__name list-row__name">{row.name}</span>
            {row.waitingSince ? <WaitingTimer since={row.waitingSince} label="Waiting for" /> : row.at && <RelativeTime at={row.at} />}
          </span>
          <span class="inbox-row__middle">
            <span class="inbox-row__preview">
              {row.typing ? <em class="inbox-row__typing">typing…</em> : (row.preview ?? <span class="inbox-row__none">No messages yet</span>)}
            </span>
            {unread && (
              <span class="inbox-row__unread">
                {row.unread}
                <span class="visually-hidden"> unread</span>
              </span>
            )}
          </span>
          <span class="inbox-row__meta">
            <StatusPill status={row.status} />
            {row.siteName && <span class="inbox-row__site">{row.siteName}</span>}
            {row.assignee && (
              <span class="inbox-row__assignee" title={`Assigned to ${row.assignee}`}>
                <Icon name="takeOver" size={12} />
                <span class="visually-hidden">Assigned to </span>
                <span class="inbox-row__assignee-name">{row.assignee}</span>
              </span>
            )}
          </span>
        </span>
      </a>
    </li>
  );
}
