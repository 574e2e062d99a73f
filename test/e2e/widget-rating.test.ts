import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import { SYSTEM_EVENTS, type ReportSummary } from "../../src/protocol";
import { loginCookie, takeOver } from "./support/agent-client";
import { apiJson } from "./support/api";
import { serious } from "./support/axe";
import { pageHtml, sessionOf, showPage, storedMessages, WidgetView } from "./support/browser";
import { useStage } from "./support/stage";

/** Where the screenshots of the prompt go, to look at; they are not committed. */
const SHOTS_DIR = "/tmp/shots";
const SAM = DEMO.agents[1];
const ADMIN = DEMO.agents[0];

const stage = useStage();

/** The prompt as the visitor sees it at the end of the log. */
const promptOf = (widget: WidgetView) => ({
  form: widget.panel.locator("form.rating-form"),
  title: widget.panel.locator(".rating-title"),
  star: (score: number) => widget.panel.locator(`#parley-score-${score}`),
  starLabel: (score: number) => widget.panel.locator(`label[for="parley-score-${score}"]`),
  problem: widget.panel.locator(".rating-problem"),
  send: widget.panel.locator(".rating-send"),
  dismiss: widget.panel.locator(".rating-dismiss"),
  thanks: widget.panel.locator(".rating-thanks"),
});

/** The id of the element focused inside the widget's shadow root. */
const focusedId = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => document.querySelector("parley-widget")?.shadowRoot?.activeElement?.id);

async function visitorPage(browser: Browser, viewport = { width: 1024, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", reducedMotion: "reduce", viewport });
  return context.newPage();
}

/** The demo site's widget on a page of the dev server, in `locale`, opened and on its socket: a first visit or a reload. */
async function openWidget(page: Page, locale = "en"): Promise<WidgetView> {
  const { server } = stage;
  await showPage(page, server, pageHtml(`<script src="/widget.js" data-site="demo" data-theme="auto" data-locale="${locale}" async></script>`));
  const widget = new WidgetView(page);
  await widget.open();
  await widget.waitOnline();
  return widget;
}

/**
 * Resolves once the rating chunk has loaded (its stylesheet is adopted as it resolves) and two
 * frames were drawn since, so the prompt has had its render: only then does its absence mean it
 * will not show.
 */
async function ratingSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .querySelector("parley-widget")
      ?.shadowRoot?.adoptedStyleSheets.some((sheet) => Array.from(sheet.cssRules).some((rule) => rule instanceof CSSStyleRule && rule.selectorText === ".rating")),
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** A visitor who wrote once and whose conversation Sam took and then closed. */
async function closedByAgent(widget: WidgetView, text: string) {
  await widget.send(text);
  await widget.waitForMessage(text);
  const taken = await takeOver(stage.server, widget.page);
  taken.agent.send({ type: "close_session", data: taken.customer });
  return taken;
}

describe("the satisfaction prompt after close (SPEC §11)", () => {
  it("asks once after an agent closes, takes 4 stars and a comment by keyboard, and the reports count it", async () => {
    const page = await visitorPage(stage.browser, { width: 360, height: 740 });
    const widget = await openWidget(page);
    const { agent } = await closedByAgent(widget, "Where is my parcel?");
    await widget.waitForMessage(`${SAM.name} closed the conversation`);
    const prompt = promptOf(widget);
    await prompt.form.waitFor();
    expect(await prompt.title.textContent()).toBe("How was this conversation?");
    expect(await widget.panel.getByRole("radiogroup", { name: "How was this conversation?" }).getByRole("radio").count()).toBe(5);
    expect(await widget.panel.getByRole("radio", { name: "4 stars, good" }).count()).toBe(1);
    expect(await serious(page)).toEqual([]);
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: `${SHOTS_DIR}/rating-360-light.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS_DIR}/rating-360-dark.png` });
    expect(await serious(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });

    // Sending without a score says so and puts focus on the first star.
    await prompt.send.focus();
    await page.keyboard.press("Enter");
    expect(await prompt.problem.textContent()).toBe("Choose from 1 to 5 stars first.");
    expect(await focusedId(page)).toBe("parley-score-1");
    expect(await prompt.star(1).getAttribute("aria-describedby")).toBe("parley-rating-problem");
    await page.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect(await prompt.star(4).isChecked()).toBe(true);
    expect(await prompt.problem.count()).toBe(0);
    expect(await prompt.starLabel(4).getAttribute("class")).toBe("on");
    expect(await prompt.starLabel(5).getAttribute("class")).toBeNull();
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("parley-rating-comment");
    const comment = "Quick and friendly, thank you!";
    await page.keyboard.type(comment);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await prompt.thanks.waitFor();
    expect(await prompt.thanks.textContent()).toBe("Thank you for your feedback!");
    expect(await focusedId(page)).toBe("parley-rating-thanks");
    expect(await prompt.form.count()).toBe(0);
    await widget.waitForMessage("You rated this conversation 4 out of 5");
    await page.screenshot({ path: `${SHOTS_DIR}/rating-360-thanks.png` });

    const stored = await storedMessages(stage.server, await sessionOf(page, stage.server));
    expect(stored.at(-1)?.metadata).toMatchObject({ event: SYSTEM_EVENTS.rated, score: 4, comment });
    const today = new Date().toISOString().slice(0, 10);
    const cookie = await loginCookie(stage.server, ADMIN.email, DEMO.password);
    const summary = await apiJson<ReportSummary>(stage.server, `/api/reports/summary?from=${today}&to=${today}&tz=UTC`, { cookie });
    expect(summary.totals.csat).toEqual({ count: 1, average: 4 });

    // Rated: a reload shows the rating's line and no prompt.
    await openWidget(page);
    await widget.waitForMessage("You rated this conversation 4 out of 5");
    await ratingSettled(page);
    expect(await prompt.form.count()).toBe(0);
    expect(await prompt.thanks.count()).toBe(0);
    agent.end();
    await page.context().close();
  });

  it("stays dismissed after a reload, asks again after the next closing, and reads right to left in Arabic", async () => {
    const page = await visitorPage(stage.browser);
    const widget = await openWidget(page, "ar");
    const { agent, customer } = await closedByAgent(widget, "مرحبا، أين طلبي؟");
    const prompt = promptOf(widget);
    await prompt.form.waitFor();
    expect(await prompt.title.textContent()).toBe("كيف كانت هذه المحادثة؟");
    expect(await prompt.form.evaluate((form) => getComputedStyle(form).direction)).toBe("rtl");
    // Mirrored: the first star is the rightmost.
    const [first, last] = [await prompt.starLabel(1).boundingBox(), await prompt.starLabel(5).boundingBox()];
    expect(first!.x).toBeGreaterThan(last!.x);
    expect(await widget.panel.getByRole("radio", { name: "أربع نجوم، جيدة" }).count()).toBe(1);
    expect(await serious(page)).toEqual([]);
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: `${SHOTS_DIR}/rating-ar.png` });

    await prompt.dismiss.focus();
    await page.keyboard.press("Enter");
    await prompt.form.waitFor({ state: "detached" });
    expect(await focusedId(page)).toBe("parley-input");

    await openWidget(page, "ar");
    await widget.waitForMessage(`أغلق ${SAM.name} المحادثة`);
    await ratingSettled(page);
    expect(await prompt.form.count()).toBe(0);

    // Reopened by writing, closed again: this closing is asked about.
    await widget.send("سؤال آخر");
    await widget.waitForMessage("سؤال آخر");
    agent.send({ type: "close_session", data: customer });
    await prompt.form.waitFor();
    await prompt.starLabel(5).click();
    await prompt.send.click();
    await prompt.thanks.waitFor();
    expect(await prompt.thanks.textContent()).toBe("شكرًا لك على ملاحظاتك!");
    // The score in the digits this browser's Arabic writes numbers with, as the widget's translator does.
    const five = await page.evaluate(() => (5).toLocaleString("ar"));
    await widget.waitForMessage(`تقييمك لهذه المحادثة: ${five} من ${five}`);
    agent.end();
    await page.context().close();
  });
});

describe("failed connects (SPEC §11)", () => {
  it("reports one failed connect when WebSockets are blocked and the widget falls back to polling", async () => {
    const page = await visitorPage(stage.browser);
    let upgrades = 0;
    await page.routeWebSocket(/\/ws\/chat\//, (ws) => {
      upgrades++;
      ws.close({ code: 1008, reason: "blocked by a proxy" });
    });
    const reports: unknown[] = [];
    const answers: number[] = [];
    page.on("request", (request) => request.url().endsWith("/connection-failed") && reports.push(request.postDataJSON()));
    page.on("response", (response) => response.url().endsWith("/connection-failed") && answers.push(response.status()));
    // A short retry interval, so the socket fails again and again while the chat polls.
    await showPage(
      page,
      stage.server,
      pageHtml(`<script src="/widget.js"></script><script>new ParleyWidget({ siteKey: "demo", autoOpen: true, reconnectInterval: 100 });</script>`),
    );
    const widget = new WidgetView(page);
    await widget.waitOnline("polling");
    await expect.poll(() => upgrades, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(() => answers).toEqual([204]);
    expect(reports).toEqual([{ transport_fallback: "polling" }]);
    await page.context().close();
  });
});
