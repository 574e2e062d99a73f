import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { apiJson } from "./api";
import type { DevServer } from "./dev-server";
import { PageTrouble, timeLeft } from "./page-trouble";

export const DEMO_PASSWORD = "parley-demo";
export const SAM = { email: "sam@example.com", name: "Sam Support", id: "agent_sam" };
export const ADA = { email: "admin@example.com", name: "Ada Admin", id: "agent_ada" };

/**
 * Polls `read` until `accept` holds; returns the accepted value or fails with what was last seen.
 * The deadline only matters when something is wrong: 20 s leaves room for a loaded 2-core CI
 * machine running two browser files at once (10 s was seen to run out there).
 */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

/** One agent's dashboard in its own browser context (its own cookie), driven like a person would. */
export class DashboardApp {
  private readonly trouble: PageTrouble;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly server: DevServer,
  ) {
    this.trouble = new PageTrouble(page, server);
  }

  static async open(browser: Browser, server: DevServer, viewport = { width: 1440, height: 900 }): Promise<DashboardApp> {
    const context = await browser.newContext({ viewport, locale: "en-US", timezoneId: "UTC" });
    const app = new DashboardApp(context, await context.newPage(), server);
    await app.trouble.load(`${server.origin}/dashboard/`, "the dashboard did not load");
    return app;
  }

  async logIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.getByLabel("Work email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Log in", exact: true }).click();
  }

  /** Logs in and waits until the live inbox has its first snapshot; a failure says what the page and server were doing. */
  async logInAndWait(email: string): Promise<void> {
    await this.logIn(email);
    await this.trouble.waitOrReloadOnce(
      `${email}'s inbox did not show`,
      async (deadline) => {
        await this.page.getByRole("tablist", { name: "Inbox views" }).waitFor({ timeout: timeLeft(deadline) });
        await this.page.locator(".inbox-list__loading").waitFor({ state: "detached", timeout: timeLeft(deadline) });
      },
      () => this.page.reload({ waitUntil: "commit" }),
    );
  }

  tab(label: string): Locator {
    return this.page.getByRole("tab", { name: new RegExp(`^${label}\\b`) });
  }

  async showTab(label: string): Promise<void> {
    await this.tab(label).click();
  }

  /** The inbox row of a conversation (rows link to `#/c/<session id>`). */
  row(sessionId: string): Locator {
    return this.page.locator(`.inbox-list__panel a.inbox-row[href="#/c/${sessionId}"]`);
  }

  /** Session ids of the rows the current view shows, top to bottom. */
  async rowSessionIds(): Promise<string[]> {
    const hrefs = await this.page.locator(".inbox-list__panel a.inbox-row").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    return hrefs.map((href) => href.replace("#/c/", ""));
  }

  async openConversation(sessionId: string): Promise<void> {
    await this.row(sessionId).click();
    await this.page.locator(".conversation .message-list").waitFor();
  }

  get header(): Locator {
    return this.page.locator(".conversation-header");
  }

  get composer(): Locator {
    return this.page.getByRole("textbox", { name: /^Reply to/ });
  }

  async reply(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** A message the server confirmed (pending replies are excluded). */
  message(text: string): Locator {
    return this.page.locator(".message:not(.message--pending) .message__text", { hasText: text });
  }

  /** The switch of one kind of alert ("New requests", …) in the top bar's alerts menu, while it is open. */
  alertSwitch(label: string): Locator {
    return this.page.getByRole("switch", { name: label, exact: true });
  }

  /** Opens the top bar's alerts menu, unless it is open already. */
  async openAlerts(): Promise<void> {
    const menu = this.page.getByRole("button", { name: "Alerts", exact: true });
    if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
    await this.page.getByRole("group", { name: "Alerts" }).waitFor();
  }

  /** Opens the alerts menu, sets one switch and closes the menu. */
  async setAlert(label: string, on: boolean): Promise<void> {
    await this.openAlerts();
    const toggle = this.alertSwitch(label);
    if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
    await waitUntil(() => toggle.getAttribute("aria-checked"), (checked) => checked === String(on), `"${label}" switched ${on ? "on" : "off"}`);
    await this.page.keyboard.press("Escape");
  }

  /** The agent's session cookie, to check over REST what the server stored. */
  async cookie(): Promise<string> {
    const cookies = await this.context.cookies(this.server.origin);
    const session = cookies.find((cookie) => cookie.name === "parley_session");
    if (!session) throw new Error("no parley_session cookie");
    return `parley_session=${session.value}`;
  }

  /** GET over the REST API as this agent. */
  async api<T>(path: string): Promise<T> {
    return apiJson<T>(this.server, path, { cookie: await this.cookie() });
  }

  /** The unread count the tab title shows: "(3) Inbox · Parley" is 3, no count is 0. */
  async titleCount(): Promise<number> {
    const match = /^\((\d+)\)/.exec(await this.page.title());
    return match ? Number(match[1]) : 0;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
