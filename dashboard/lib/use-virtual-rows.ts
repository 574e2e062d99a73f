import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualItem } from "@tanstack/virtual-core";
import { useLayoutEffect, useReducer, useState } from "preact/hooks";

export interface VirtualRowsOptions {
  count: number;
  /** The element that scrolls (an ancestor of the rows). */
  scroller: () => HTMLElement | null;
  /** A row's height before it is measured (px). */
  estimateRowPx: number;
  /** A stable key per index, so measured heights follow a row that moves. */
  keyAt: (index: number) => string;
  /** Space above the first row and below the last inside the scroller (px). */
  paddingStartPx?: number;
  paddingEndPx?: number;
}

export interface VirtualRows {
  rows: VirtualItem[];
  totalPx: number;
  /** Ref for a rendered row: measures its real height (it needs `data-index`). */
  measure: (element: Element | null) => void;
}

/**
 * Only the rows in and near view, from @tanstack/virtual-core (framework-free, ~10 KB gzip): a list of
 * thousands renders a screenful, and a change to one row renders one row. This hook is the
 * Preact binding: it re-renders when the visible range changes.
 */
export function useVirtualRows(options: VirtualRowsOptions): VirtualRows {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const settings = {
    count: options.count,
    getScrollElement: options.scroller,
    estimateSize: () => options.estimateRowPx,
    getItemKey: options.keyAt,
    paddingStart: options.paddingStartPx ?? 0,
    paddingEnd: options.paddingEndPx ?? 0,
    overscan: 8,
    scrollToFn: elementScroll,
    observeElementRect: observeElementRect,
    observeElementOffset: observeElementOffset,
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLElement, Element>(settings));
  virtualizer.setOptions(settings);
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  return { rows: virtualizer.getVirtualItems(), totalPx: virtualizer.getTotalSize(), measure: virtualizer.measureElement };
}
