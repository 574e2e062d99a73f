import { signal } from "@preact/signals";

/**
 * The open conversation lives in the URL hash (`#/c/<session id>`), so Back works, a reload
 * keeps it open, and the static server needs no fallback route.
 */
function sessionFromHash(): string | null {
  const match = /^#\/c\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  return match?.[1] ?? null;
}

export const openSessionId = signal<string | null>(sessionFromHash());

window.addEventListener("hashchange", () => {
  openSessionId.value = sessionFromHash();
});

export function showConversation(sessionId: string): void {
  location.hash = `#/c/${sessionId}`;
}

export function showInbox(): void {
  history.pushState(null, "", location.pathname + location.search);
  openSessionId.value = null;
}
