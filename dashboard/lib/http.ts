import type { ApiErrorBody } from "@parley/protocol";
import { HttpError as SharedHttpError, httpErrorOf } from "@parley/browser/http";

/** One problem a 400 names (SPEC §5 `details`): the body field by its dotted path, and why. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * A request the server refused, with the field issues of a 400, so a form can show each beside
 * the field it names (`allowed_origins.2`).
 */
export class HttpError extends SharedHttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(status, code, message);
  }
}

const isFieldIssue = (value: unknown): value is FieldIssue =>
  typeof value === "object" && value !== null && typeof (value as FieldIssue).path === "string" && typeof (value as FieldIssue).message === "string";

async function refusalOf(response: Response): Promise<HttpError> {
  const body = (await response.clone().json().catch(() => null)) as ApiErrorBody | null;
  const details = body?.error?.details;
  const base = await httpErrorOf(response);
  return new HttpError(base.status, base.code, base.message, Array.isArray(details) ? details.filter(isFieldIssue) : []);
}

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
  if (!response.ok) throw await refusalOf(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** `ws://` or `wss://` on this very host, as the server only accepts same-origin sockets. */
export function socketUrl(path: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${path}`;
}
