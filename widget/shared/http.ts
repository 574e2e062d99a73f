import type { ApiErrorBody } from "@parley/protocol";

/**
 * A request the server refused, with its machine-readable code (SPEC §5 error shape). Shared by
 * the widget and the dashboard (`@parley/browser/http`).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** JSON over fetch. Refusals throw `HttpError`; network failures throw fetch's `TypeError`. */
export async function requestJson<T>(url: string, init: { body?: unknown; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const response = await fetch(url, {
    method: init.body === undefined ? "GET" : "POST",
    headers,
    body: init.body === undefined ? null : JSON.stringify(init.body),
    credentials: "omit",
  });
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  throw await httpErrorOf(response);
}

/** The SPEC §5 error body of a refused response, as an `HttpError`. */
export async function httpErrorOf(response: Response): Promise<HttpError> {
  const failure = (await response.json().catch(() => null)) as ApiErrorBody | null;
  return new HttpError(response.status, failure?.error?.code ?? `http_${response.status}`, failure?.error?.message ?? response.statusText);
}

/**
 * Runs a call with the visitor token and, when the token has expired (tokens live 24 h), once more
 * with a fresh session.
 */
export async function withToken<T>(
  current: () => { visitor_token: string },
  refresh: () => Promise<{ visitor_token: string }>,
  call: (token: string) => Promise<T>,
): Promise<T> {
  try {
    return await call(current().visitor_token);
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 401)) throw error;
    return call((await refresh()).visitor_token);
  }
}
