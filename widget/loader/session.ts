import type { SessionInitBody, SessionInitResponse, VisitorContext } from "@parley/protocol";
import type { ResolvedOptions } from "../contract";
import { sleep } from "../shared/backoff";
import { HttpError, requestJson } from "../shared/http";
import { browserSessionKey } from "../shared/keys";
import { randomId } from "../shared/random-id";
import { readStored, writeStored } from "../shared/storage";

const BROWSER_SESSION_ID = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * Where the id is kept when localStorage is blocked: a first-party cookie of the host page, for a
 * year. One for every site on the origin is enough, since the server keeps visitors per site.
 */
const BROWSER_COOKIE = "parley_browser";
const BROWSER_COOKIE_VALUE = /(?:^|; )parley_browser=([\w-]+)/;

/**
 * This browser's id for the site, created once and kept in localStorage (SPEC §4.1), else in a
 * cookie, else in this page's memory only (every page view is then a new visitor).
 */
function browserSessionId(siteKey: string): string {
  const key = browserSessionKey(siteKey);
  const known = readStored<string>(key) ?? BROWSER_COOKIE_VALUE.exec(document.cookie)?.[1];
  if (typeof known === "string" && BROWSER_SESSION_ID.test(known)) return known;
  const created = randomId();
  if (!writeStored(key, created)) document.cookie = `${BROWSER_COOKIE}=${created};path=/;max-age=31536000;samesite=lax`;
  return created;
}

/** Where the visitor is, so agents see the page they write from. */
function visitorContext(): VisitorContext {
  return {
    url: location.href.slice(0, 2000),
    title: document.title.slice(0, 300),
    referrer: document.referrer.slice(0, 2000) || undefined,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: navigator.language,
  };
}

/** Refusals worth retrying: the server or the network had trouble, or asked us to slow down. */
const retryable = (error: unknown): boolean =>
  !(error instanceof HttpError) || error.status >= 500 || error.status === 429;

/**
 * The visitor's session with the site: init on load (get-or-create), and again when the token
 * expires.
 */
export class SessionKeeper {
  #current: SessionInitResponse | null = null;
  #pending: Promise<SessionInitResponse> | null = null;
  readonly #siteUrl: string;
  readonly #siteKey: string;

  constructor(options: ResolvedOptions) {
    this.#siteKey = options.siteKey;
    this.#siteUrl = `${options.backendUrl}/api/widget/${encodeURIComponent(options.siteKey)}`;
  }

  /** The current session; only read once `refresh()` has resolved. */
  get value(): SessionInitResponse {
    return this.#current!;
  }

  /** Session init; network trouble, 5xx and 429 are retried, other refusals are final. */
  refresh(): Promise<SessionInitResponse> {
    this.#pending ??= this.#init().finally(() => (this.#pending = null));
    return this.#pending;
  }

  async #init(): Promise<SessionInitResponse> {
    const body: SessionInitBody = { browser_session_id: browserSessionId(this.#siteKey), context: visitorContext() };
    for (let wait = 2000; ; wait = Math.min(wait * 2, 60_000)) {
      try {
        return (this.#current = await requestJson<SessionInitResponse>(`${this.#siteUrl}/session`, { body }));
      } catch (error) {
        if (!retryable(error)) throw error;
        await sleep(wait);
      }
    }
  }
}
