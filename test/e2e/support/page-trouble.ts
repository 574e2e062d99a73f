import type { Page, Request } from "playwright-core";
import type { DevServer } from "./dev-server";

/** How long the server gets to answer `/health` when a failure is explained (ms). */
const HEALTH_PROBE_MS = 5_000;
/**
 * A static file (HTML, script, style) unanswered this long is stuck (ms): `wrangler dev` serves
 * one in milliseconds, without Parley's Worker (wrangler.toml's `run_worker_first`).
 */
const STUCK_FILE_MS = 10_000;
/** What the first wait gets (ms): long enough for a file sent at its start to count as stuck. */
const FIRST_WAIT_MS = 15_000;
/** What a wait gets after a reload (ms): Playwright's own default. */
const WAIT_MS = 30_000;

/**
 * Watches a page from its first request for what a failed wait should report: the latest failed
 * requests, error answers and uncaught errors, and the requests still unanswered.
 *
 * Why: on a loaded 2-core machine, about one full `npm test` in two had a dashboard page wait
 * out 30 s for a static file that `wrangler dev` never answered (the page's `index-*.css`, or a
 * chunk's style the code-split inbox waits for), while the server went on answering everything
 * else and its log never showed the request: it is lost in wrangler's dev proxy, before any
 * Worker. `steadily` reloads such a page once and says so; anything else fails with this report.
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
   * Runs `wait(timeoutMs)`, WAIT_MS in all. When it has not succeeded after FIRST_WAIT_MS while a
   * static file of the page is stuck, prints why, runs `reload` and waits WAIT_MS once more. A
   * failure throws an error that says `what` did not happen and what the page and the server
   * were doing.
   */
  async steadily<T>(what: string, wait: (timeoutMs: number) => Promise<T>, reload: () => Promise<unknown>): Promise<T> {
    const fail = async (error: unknown, when = "") => new Error(await this.report(`${what}${when}: ${String(error)}`));
    try {
      return await wait(FIRST_WAIT_MS);
    } catch {
      if (this.stuckFiles().length === 0) {
        try {
          return await wait(WAIT_MS - FIRST_WAIT_MS);
        } catch (later) {
          throw await fail(later);
        }
      }
      console.warn(await this.report(`${what} in ${FIRST_WAIT_MS} ms, a static file unanswered: reloading once`));
    }
    try {
      await reload();
      return await wait(WAIT_MS);
    } catch (error) {
      throw await fail(error, ", after a reload");
    }
  }

  /** Unanswered requests for static files sent over STUCK_FILE_MS ago (never the API's or sockets). */
  private stuckFiles(): Request[] {
    const sentBefore = Date.now() - STUCK_FILE_MS;
    return [...this.pending].filter(([request, sentAt]) => sentAt <= sentBefore && !["websocket", "fetch", "xhr", "eventsource"].includes(request.resourceType())).map(([request]) => request);
  }

  private note(problem: string): void {
    this.problems.push(problem);
    if (this.problems.length > 20) this.problems.shift();
  }

  private async report(headline: string): Promise<string> {
    const shows = await this.page.evaluate(() => document.body?.innerText ?? "").catch((failure: unknown) => String(failure));
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
      const response = await fetch(`${this.server.origin}/health`, { signal: AbortSignal.timeout(HEALTH_PROBE_MS) });
      return `${response.status} in ${Date.now() - started} ms`;
    } catch (error) {
      return `no answer after ${Date.now() - started} ms (${String(error)})`;
    }
  }
}
