/**
 * Calls `onLead` once this tab leads the site's tabs: it holds a Web Lock that the browser
 * releases when the tab closes, and the next waiting tab takes over. Without Web Locks or
 * BroadcastChannel every tab leads itself (each then has its own socket). Returns `release`.
 */
export function claimLeadership(name: string, onLead: () => void): () => void {
  if (!navigator.locks || typeof BroadcastChannel !== "function") {
    onLead();
    return () => {};
  }
  const abort = new AbortController();
  let release = (): void => {};
  navigator.locks
    .request(name, { signal: abort.signal }, () => new Promise<void>((resolve) => {
      release = resolve;
      onLead();
    }))
    .catch(() => {
      // Aborted while still waiting: this tab is going away without ever leading.
    });
  return () => {
    abort.abort();
    release();
  };
}
