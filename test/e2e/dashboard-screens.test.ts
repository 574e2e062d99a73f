import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { AgentClient } from "./support/agent-client";
import { ADA, DashboardApp, DEMO_PASSWORD, SAM, waitUntil } from "./support/dashboard-app";
import { NEEDS_HUMAN, TestVisitor } from "./support/dashboard-visitor";
import { OLDER_RETRY_TIMEOUT_MS, sayWithinBudget, withholdFirstOlderPage } from "./support/long-history";
import { useStage } from "./support/stage";

/** From a small phone to a laptop and a desktop (issue 9: nothing slides sideways from 360 to 1920). */
const WIDTHS = [360, 768, 1024, 1440];
/** Below this the inbox shows the list or the open conversation, not both (inbox-page.css). */
const ONE_COLUMN_MAX = 700;

/**
 * What is wider than its box on the page: the document itself, and every element the user can
 * scroll sideways (overflow-x auto or scroll), named so a failure says where.
 */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const found = root.scrollWidth > root.clientWidth ? [`document ${root.scrollWidth} > ${root.clientWidth}`] : [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const { overflowX } = getComputedStyle(element);
      if ((overflowX === "auto" || overflowX === "scroll") && element.scrollWidth > element.clientWidth) {
        found.push(`${element.tagName.toLowerCase()}.${element.className} ${element.scrollWidth} > ${element.clientWidth}`);
      }
    }
    return found;
  });
}

/** Filter tabs not wholly inside the viewport and their tab list (clipped or scrolled away). */
function tabsOutOfReach(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const list = document.querySelector('[role="tablist"]')!.getBoundingClientRect();
    const inside = (r: DOMRect, box: { left: number; right: number; top: number; bottom: number }) =>
      r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    const viewport = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    return Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]'))
      .filter((tab) => !inside(tab.getBoundingClientRect(), list) || !inside(tab.getBoundingClientRect(), viewport))
      .map((tab) => tab.textContent ?? "");
  });
}

/** The brand mark's and the workspace name's widths in the top bar. */
function brandWidths(page: Page): Promise<{ mark: number; workspace: number }> {
  return page.evaluate(() => ({
    mark: document.querySelector(".top-bar .brand-mark")!.getBoundingClientRect().width,
    workspace: document.querySelector(".top-bar__workspace")!.getBoundingClientRect().width,
  }));
}

/**
 * Issue 9's dashboard items in a real Chromium against one real `wrangler dev`. The presence test
 * runs first: it needs Sam to be the only agent online.
 */
describe("the dashboard on real screens and in a local run", () => {
  const stage = useStage();

  it("counts colleagues online, not the agent themself", async () => {
    const sam = await DashboardApp.open(stage.browser, stage.server);
    await sam.logInAndWait(SAM.email);
    const count = sam.page.locator(".team-presence__count");
    // Sam alone: Ada's avatar shows offline, and nobody else is online.
    await waitUntil(async () => (await count.textContent()) ?? "", (text) => text === "No one else online", "presence with Sam alone");

    const ada = await AgentClient.login(stage.server, ADA.email, DEMO_PASSWORD);
    await waitUntil(async () => (await count.textContent()) ?? "", (text) => text === "1 online", "presence once Ada is online");
    ada.end();
    await sam.close();
  });

  it("keeps a visitor's words, not a system line, as the preview when a colleague joins", async () => {
    const sam = await DashboardApp.open(stage.browser, stage.server);
    await sam.logInAndWait(SAM.email);
    const ada = await AgentClient.login(stage.server, ADA.email, DEMO_PASSWORD);
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    const room = await visitor.connect();
    await sam.openConversation(visitor.sessionId);
    // Every preview the row ever shows, however briefly: a system line may flash between its
    // `new_message` and the list update that follows it.
    const href = `#/c/${visitor.sessionId}`;
    await sam.page.evaluate((href) => {
      const shown: string[] = [];
      const panel = document.querySelector(".inbox-list__panel")!;
      const record = () => {
        const preview = panel.querySelector(`a.inbox-row[href="${href}"] .inbox-row__preview`);
        const text = preview?.querySelector(".inbox-row__typing") ? null : preview?.textContent;
        if (text && text !== shown.at(-1)) shown.push(text);
      };
      record();
      new MutationObserver(record).observe(panel, { subtree: true, childList: true, characterData: true });
      Object.assign(window, { previewsShown: shown });
    }, href);
    ada.send({ type: "assign_agent", data: { customer_id: visitor.visitorId, page_id: "site_demo" } });
    await sam.page.locator(".message-list", { hasText: `${ADA.name} joined` }).waitFor();

    // The visitor's typing reaches Sam's list on the same feed after the "joined" line: once the
    // row has shown it and let it go, the list has seen everything that could move its preview.
    const row = sam.row(visitor.sessionId);
    room.send({ type: "typing", is_typing: true });
    await row.locator(".inbox-row__typing").waitFor();
    room.send({ type: "typing", is_typing: false });
    await row.locator(".inbox-row__typing").waitFor({ state: "detached" });
    expect(await sam.page.evaluate(() => (window as unknown as { previewsShown: string[] }).previewsShown)).toEqual([NEEDS_HUMAN]);

    visitor.close();
    ada.end();
    await sam.close();
  });

  /** Sam, signed in once for the tests below that need no sign-in of their own: the file's logins stay under SPEC §10's limit per address. */
  let signedIn: DashboardApp | null = null;
  afterAll(() => signedIn?.close());
  async function signedInSam(): Promise<DashboardApp> {
    if (!signedIn) {
      signedIn = await DashboardApp.open(stage.browser, stage.server);
      await signedIn.logInAndWait(SAM.email);
    }
    return signedIn;
  }

  /**
   * A conversation of 55 visitor lines and its escalation, open in a new tab of Sam's signed-in
   * browser that withholds its first older page.
   */
  async function longConversation(how: "refused" | "lost") {
    const visitor = await TestVisitor.start(stage.server);
    await visitor.escalate("Seeding a long history");
    for (let i = 1; i <= 55; i++) await sayWithinBudget(stage.server, visitor.session, `Long story line ${i}`, `long-${i}`);
    const page = await (await signedInSam()).context.newPage();
    const olderAsked = await withholdFirstOlderPage(page, how);
    await page.goto(`${stage.server.origin}/dashboard/#/c/${visitor.sessionId}`);
    const line = (n: number) => page.locator(".message:not(.message--pending) .message__text", { hasText: new RegExp(`^Long story line ${n}$`) });
    await line(55).waitFor();
    return { page, line, olderAsked };
  }

  for (const how of ["refused", "lost"] as const) {
    it(`loads a long conversation's earlier messages, asking again for a page ${how === "refused" ? "refused for now" : "lost with the connection"}`, async () => {
      const { page, line, olderAsked } = await longConversation(how);
      expect(await line(1).count()).toBe(0);

      await page.getByRole("button", { name: "Load earlier messages" }).click();
      await line(1).waitFor({ timeout: OLDER_RETRY_TIMEOUT_MS });
      expect(olderAsked()).toBeGreaterThanOrEqual(2);
      const shown = await page.locator(".message__text", { hasText: /^Long story line \d+$/ }).allTextContents();
      expect(shown).toEqual(Array.from({ length: 55 }, (_, i) => `Long story line ${i + 1}`));
      await page.close();
    });
  }

  it("never grows wider than the screen, keeps every filter tab and the brand in sight", async () => {
    const visitor = await TestVisitor.start(stage.server, { context: { url: `https://shop.example/${"long-path/".repeat(20)}`, title: "Your cart" } });
    await visitor.say(NEEDS_HUMAN);
    const problems: string[] = [];
    const check = async (app: DashboardApp, where: string) => {
      for (const found of await overflows(app.page)) problems.push(`${where}: ${found}`);
    };
    for (const width of WIDTHS) {
      const app = await DashboardApp.open(stage.browser, stage.server, { width, height: width < 1024 ? 800 : 768 });
      await app.page.getByRole("button", { name: "Log in", exact: true }).waitFor();
      await check(app, `login at ${width}`);

      await app.logInAndWait(SAM.email);
      await check(app, `inbox at ${width}`);
      for (const tab of await tabsOutOfReach(app.page)) problems.push(`inbox at ${width}: tab ${tab} out of reach`);
      const brand = await brandWidths(app.page);
      if (brand.mark < 28 || brand.workspace < 30) problems.push(`inbox at ${width}: brand squeezed ${JSON.stringify(brand)}`);

      await app.openConversation(visitor.sessionId);
      await app.page.locator(".visitor-panel .fact__url").waitFor({ state: "attached" });
      await check(app, `conversation at ${width}`);
      if (width > ONE_COLUMN_MAX) {
        for (const tab of await tabsOutOfReach(app.page)) problems.push(`conversation at ${width}: tab ${tab} out of reach`);
      }
      await app.close();
    }
    expect(problems).toEqual([]);
  });

  it("keeps wrangler dev's placeholder location of a local visitor away from agents", async () => {
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    const sam = await signedInSam();
    await sam.openConversation(visitor.sessionId);
    const facts = sam.page.locator(".visitor-panel .visitor-facts");
    await facts.waitFor();
    expect(await facts.textContent()).not.toContain("Austin");
  });
});
