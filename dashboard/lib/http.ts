import { HttpError, httpErrorOf } from "@parley/browser/http";

export { HttpError };

let onUnauthorized: () => void = () => {};

/** The session model registers here, so a 401 from any request ends the signed-in view. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/**
 * JSON over same-origin fetch. The session cookie travels by itself, and the browser adds the
 * `Origin` header the server checks on state-changing requests.
 */
export async function requestJson<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch {
    throw new HttpError(0, "network", "Parley can't be reached right now. Check your connection and try again.");
  }
  if (response.status === 401) onUnauthorized();
  if (!response.ok) throw await httpErrorOf(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** `ws://` or `wss://` on this very host, as the server only accepts same-origin sockets. */
export function socketUrl(path: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${path}`;
}
