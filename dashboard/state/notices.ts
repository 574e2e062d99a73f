import { signal } from "@preact/signals";

export interface Notice {
  /** The situation it is about, e.g. `new_requests`: a newer notice about it replaces this one. */
  key: string;
  tone: "info" | "error" | "request";
  text: string;
  action?: { label: string; run: () => void };
}

/** Short messages in the corner: errors in words, and new requests for a human. */
export const notices = signal<Notice[]>([]);

const SHOWN_MS = 8_000;
/** The stack sits over the inbox list: a burst of news must not cover it. */
const MOST_AT_ONCE = 3;
const timers = new Map<string, number>();

/**
 * Shows a notice, replacing the one about the same situation (by default, the same text) and
 * showing it for the full time again; beyond `MOST_AT_ONCE` the oldest go.
 */
export function showNotice(notice: Omit<Notice, "key"> & { key?: string }): void {
  const shown = { ...notice, key: notice.key ?? notice.text };
  const next = [...notices.value.filter((other) => other.key !== shown.key), shown];
  for (const dropped of next.slice(0, -MOST_AT_ONCE)) stopTimer(dropped.key);
  notices.value = next.slice(-MOST_AT_ONCE);
  stopTimer(shown.key);
  timers.set(shown.key, window.setTimeout(() => dismissNotice(shown.key), SHOWN_MS));
}

export function dismissNotice(key: string): void {
  stopTimer(key);
  if (isNoticeShown(key)) notices.value = notices.value.filter((notice) => notice.key !== key);
}

export function isNoticeShown(key: string): boolean {
  return notices.peek().some((notice) => notice.key === key);
}

function stopTimer(key: string): void {
  window.clearTimeout(timers.get(key));
  timers.delete(key);
}
