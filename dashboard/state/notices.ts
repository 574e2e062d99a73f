import { signal } from "@preact/signals";

export interface Notice {
  id: number;
  tone: "info" | "error" | "request";
  text: string;
  action?: { label: string; run: () => void };
}

/** Short messages in the corner: errors in words, and new requests for a human. */
export const notices = signal<Notice[]>([]);

const SHOWN_MS = 8_000;
const MOST_AT_ONCE = 4;
let nextId = 1;

export function showNotice(notice: Omit<Notice, "id">): number {
  const id = nextId++;
  notices.value = [...notices.value, { ...notice, id }].slice(-MOST_AT_ONCE);
  window.setTimeout(() => dismissNotice(id), SHOWN_MS);
  return id;
}

export function dismissNotice(id: number): void {
  notices.value = notices.value.filter((notice) => notice.id !== id);
}
