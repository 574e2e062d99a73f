import { errors, type Page, type Request } from "playwright-core";
import type { DevServer } from "./dev-server";

/** How long the server gets to answer `/health`, and the page to say what it shows, in a report (ms). */
const PROBE_MS = 5_000;
/**
 * A static file unanswered this long is stuck (ms): `wrangler dev` serves one in milliseconds,
 * without Parley's Worker.
 */
const STUCK_FILE_MS = 10_000;
/** When a wait looks for a stuck file (ms): late enough for a file sent as it began to count. */
const LOOK_AFTER_MS = 15_000;
/** What a wait gets in all, and again after a reload (ms): Playwright's own default. */
const WAIT_MS = 30_000;
/** How long before a wait began a file may have been asked for and still count (ms): the click or navigation that started it. */
const LEAD_MS = 5_000;
/** What a page loads as files: the kinds a stuck request is looked for among. */
const FILE_KINDS = new Set(["document", "script", "stylesheet", "font"]);
/** Paths wrangler.toml's `run_worker_first` gives to the Worker: never files, never retried. */
const WORKER_PATHS = /^\/(api|ws)\/|^\/health$/;

/** `promise`, or Playwright's timeout error once `deadline` (ms since the epoch) has passed. */
function byDeadline<T>(promise: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new errors.TimeoutError(`${what}: not done by the deadline`)), timeLeft(deadline));
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** What is left until `deadline` (ms since the epoch), for a Playwright timeout (which 0 would turn off). */
export function timeLeft(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}

/**
 * Watches a page from its first request for what a failed wait should report: the latest failed
 * requests, error answers and uncaught errors, and the requests still unanswered.
 *
 * Why: on this 2-core machine, two full `npm test` runs in four had a dashboard page wait out
 * 30 s for a static file that `wrangler dev` never answered (a style the code-split inbox waits
 * for, or the page's own files), while the server went on answering the rest and its log never
 * showed the request: it is lost in wrangler's dev proxy, before any Worker. `waitOrReloadOnce`
 * reloads such a page once and says so; anything else fails with this report.
 */
export class PageTrouble {
  private readonly problems: string[] = [];
  /** Unfinished requests, each with when it was sent (ms since the epoch). */
  private readonly pending = new Map<Request, number>();

  constructor(
    private readonly page: Page,
    private readonly server: DevServer,
  ) {
    page.on("request", (request) => this.pending.set(request, Date.now()));
    page.on("requestfinished", (request) => this.pending.delete(request));
    page.on("requestfailed", (request) => {
      this.pending.delete(request);
      this.note(`${request.method()} ${request.url()} failed: ${request.failure()?.errorText}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) this.note(`${response.request().method()} ${response.url()} answered ${response.status()}`);
    });
    page.on("pageerror", (error) => this.note(`page error: ${error.message}`));
  }

  /**
   * Waits for `wait(deadline)` (ms since the epoch; each of its steps gets what is left), WAIT_MS
   * in all. If it times out while a file of the page sent since `since` is stuck, prints why,
   * runs `reload` and waits WAIT_MS once more. Any other failure, or a second one, throws an
   * error saying `what` did not happen and what the page and the server were doing.
   */
  async waitOrReloadOnce<T>(what: string, wait: (deadline: number) => Promise<T>, reload: () => Promise<unknown>): Promise<T> {
    const since = Date.now();
    let outcome = await this.attempt(wait, since + LOOK_AFTER_MS);
    if (!outcome.ok && outcome.timedOut && this.stuckFiles(since).length === 0) outcome = await this.attempt(wait, since + WAIT_MS);
    if (outcome.ok) return outcome.value;
    if (!outcome.timedOut || this.stuckFiles(since).length === 0) throw new Error(await this.report(`${what}: ${String(outcome.error)}`));
    console.warn(await this.report(`${what} (${String(outcome.error)}), a file of the page unanswered: reloading once`));
    const again = await this.attempt(async (deadline) => {
      await reload();
      return wait(deadline);
    }, Date.now() + WAIT_MS);
    if (again.ok) return again.value;
    throw new Error(await this.report(`${what}, after a reload: ${String(again.error)}`));
  }

  /**
   * Opens `url` (a new document, not a hash change) and waits for its load event through
   * `waitOrReloadOnce`: the page's own document is a file that can be stuck too, and a bare
   * `goto` would only time out, saying nothing. Each wait follows the navigation under way, so a
   * page already at `url` is not taken for the new one. Throws like `waitOrReloadOnce`.
   */
  async load(url: string, what: string): Promise<void> {
    const navigate = () => {
      const loaded = this.page.goto(url, { waitUntil: "load", timeout: 0 });
      // Followed by `byDeadline`; one replaced by the reload rejects unheard.
      loaded.catch(() => undefined);
      return loaded;
    };
    let navigation = navigate();
    await this.waitOrReloadOnce(
      what,
      (deadline) => byDeadline(navigation, deadline, `navigating to ${url}`),
      async () => {
        navigation = navigate();
      },
    );
  }

  private async attempt<T>(wait: (deadline: number) => Promise<T>, deadline: number): Promise<{ ok: true; value: T } | { ok: false; error: unknown; timedOut: boolean }> {
    try {
      return { ok: true, value: await wait(deadline) };
    } catch (error) {
      return { ok: false, error, timedOut: error instanceof errors.TimeoutError };
    }
  }

  /** Same-origin files (never the Worker's paths) asked for by the wait begun at `since`, unanswered for STUCK_FILE_MS. */
  private stuckFiles(since: number): Request[] {
    const sentBefore = Date.now() - STUCK_FILE_MS;
    return [...this.pending]
      .filter(([request, sentAt]) => sentAt >= since - LEAD_MS && sentAt <= sentBefore && this.isFile(request))
      .map(([request]) => request);
  }

  private isFile(request: Request): boolean {
    const url = new URL(request.url());
    return FILE_KINDS.has(request.resourceType()) && url.origin === this.server.origin && !WORKER_PATHS.test(url.pathname);
  }

  private note(problem: string): void {
    this.problems.push(problem);
    if (this.problems.length > 20) this.problems.shift();
  }

  private async report(headline: string): Promise<string> {
    const shows = await Promise.race([
      this.page.evaluate(() => document.body?.innerText ?? "").catch((failure: unknown) => `(could not read it: ${String(failure)})`),
      new Promise<string>((resolve) => setTimeout(() => resolve(`(no answer in ${PROBE_MS} ms)`), PROBE_MS)),
    ]);
    const now = Date.now();
    const unfinished = [...this.pending].map(([request, sentAt]) => `${request.method()} ${request.url()}, sent ${now - sentAt} ms ago`);
    return [
      headline,
      `the page shows: ${shows.slice(0, 1_000) || "nothing"}`,
      `in the page: ${this.problems.join("\n") || "nothing failed"}`,
      `unfinished requests: ${unfinished.join("\n") || "none"}`,
      `the server, asked for /health now: ${await this.probe()}`,
      `the server printed last:\n${this.server.logTail()}`,
    ].join("\n\n");
  }

  private async probe(): Promise<string> {
    const started = Date.now();
    try {
      const response = await fetch(`${this.server.origin}/health`, { signal: AbortSignal.timeout(PROBE_MS) });
      return `${response.status} in ${Date.now() - started} ms`;
    } catch (error) {
      return `no answer after ${Date.now() - started} ms (${String(error)})`;
    }
  }
}
