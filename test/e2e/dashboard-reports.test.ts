import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import type { Site } from "../../src/protocol";
import { loginCookie } from "./support/agent-client";
import { apiJson } from "./support/api";
import { serious } from "./support/axe";
import { ADA, DashboardApp, DEMO_PASSWORD, SAM, waitUntil } from "./support/dashboard-app";
import { ReportView } from "./support/report-view";
import { useStage } from "./support/stage";

/** From a small phone to a desktop (issue 9's widths). */
const WIDTHS = [360, 768, 1024, 1440];
/** Where the screenshots go, to look at; they are not committed. */
const SHOTS = "/tmp/shots";
/** The messages chart's visitors bars (`--chart-1`, #4f46e5). */
const VISITOR_BARS: [number, number, number] = [79, 70, 229];
const CHARTS = ["conversations", "messages", "times", "rates", "satisfaction"];

/** `date` moved by `days`, as YYYY-MM-DD (the browser runs in UTC, as the seeded history does). */
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const TODAY = new Date().toISOString().slice(0, 10);

/** What reaches past the viewport sideways: the document, or anything inside the reports. */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const found = root.scrollWidth > root.clientWidth ? [`document ${root.scrollWidth} > ${root.clientWidth}`] : [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(".reports *"))) {
      if (element.closest(".report-table__scroll")) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5)) found.push(`${element.tagName.toLowerCase()}.${element.className}`);
    }
    return found;
  });
}

/**
 * Issue 12's reports page in a real Chromium against one `wrangler dev` seeded with the demo's 60
 * days of history: the figures it shows are the server's for the filters it shows.
 */
describe("the reports page", () => {
  const stage = useStage({ history: true });

  it("charts the seeded history, follows the range and site filters, exports the same query, and holds up at every width", async () => {
    // A second site with no history, so choosing it must change every figure.
    const adminCookie = await loginCookie(stage.server, ADA.email, DEMO_PASSWORD);
    const quiet = await apiJson<Site>(stage.server, "/api/sites", { cookie: adminCookie, body: { name: "Quiet Harbour" } });

    const ada = await DashboardApp.open(stage.browser, stage.server);
    await ada.logInAndWait(ADA.email);
    const { page } = ada;
    const view = new ReportView(page, stage.server, await ada.cookie());
    await page.getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe("#/reports");
    await page.getByText("Figures for the whole Demo workspace.").waitFor();

    // Last 30 days by default, in the viewer's zone, all sites.
    expect(await page.getByRole("button", { name: "Last 30 days" }).getAttribute("aria-pressed")).toBe("true");
    const thirty = await view.waitForFigures({ from: shift(TODAY, -29), to: TODAY, site_id: "", tz: "UTC" });
    expect(thirty.days).toHaveLength(30);
    expect(thirty.totals.conversations).toBeGreaterThan(100);
    for (const id of CHARTS) {
      expect(await view.chart(id).locator("canvas").count()).toBe(1);
      expect(await view.chart(id).locator(".report-table tbody tr").count()).toBe(30);
    }
    const conversations = view.chart("conversations");
    const firstDay = thirty.days[0]!;
    expect(await conversations.locator(".report-table tbody tr").first().locator("td").first().textContent()).toBe(String(firstDay.conversations));
    expect(await conversations.locator(".report-table tfoot td").first().textContent()).toBe(new Intl.NumberFormat("en-US").format(thirty.totals.conversations));
    expect(await view.painted("messages", VISITOR_BARS)).toBeGreaterThan(1000);

    // A range preset.
    await page.getByRole("button", { name: "Last 7 days" }).click();
    const seven = await view.waitForFigures({ from: shift(TODAY, -6), to: TODAY, site_id: "" });
    expect(seven.totals.conversations).toBeLessThan(thirty.totals.conversations);
    expect(await conversations.locator(".report-table tbody tr").count()).toBe(7);

    // Custom dates: the presets let go; a reversed range is named and nothing is exported.
    const from = shift(TODAY, -45);
    const to = shift(TODAY, -40);
    await page.getByLabel("From", { exact: true }).fill(from);
    await page.getByLabel("To", { exact: true }).fill(to);
    const custom = await view.waitForFigures({ from, to, site_id: "" });
    expect(custom.days.map((day) => day.date)).toEqual([0, 1, 2, 3, 4, 5].map((n) => shift(from, n)));
    expect(await page.locator(".report-filters__preset[aria-pressed='true']").count()).toBe(0);
    await page.getByLabel("From", { exact: true }).fill(shift(to, 1));
    await page.getByRole("alert").filter({ hasText: "The end date is before the start date." }).waitFor();
    expect(await page.getByRole("button", { name: "Export CSV" }).isDisabled()).toBe(true);

    // The site filter: the quiet site has nothing, the demo site is all of the history.
    await page.getByRole("button", { name: "Last 60 days" }).click();
    const sixty = await view.waitForFigures({ from: shift(TODAY, -59), to: TODAY, site_id: "" });
    await page.getByLabel("Site", { exact: true }).selectOption(quiet.id);
    const none = await view.waitForFigures({ from: shift(TODAY, -59), to: TODAY, site_id: quiet.id });
    expect(none.totals.conversations).toBe(0);
    await waitUntil(() => view.painted("messages", VISITOR_BARS), (pixels) => pixels === 0, "the quiet site's message bars are empty");
    await page.getByLabel("Site", { exact: true }).selectOption(DEMO.siteId);
    const demo = await view.waitForFigures({ from: shift(TODAY, -59), to: TODAY, site_id: DEMO.siteId });
    expect(demo.totals).toEqual(sixty.totals);

    // The CSV link carries the same filters, and its totals row is the page's.
    const csv = await fetch(`${stage.server.origin}/api/reports/export.csv?${await view.csvQuery()}`, { headers: { Cookie: await ada.cookie() } });
    expect(csv.status).toBe(200);
    const rows = (await csv.text()).trim().split("\n");
    const header = rows[0]!.split(",");
    const total = rows.at(-1)!.split(",");
    expect(Number(total[header.indexOf("conversations")])).toBe(demo.totals.conversations);

    // Keyboard: a table opens from its summary and its region takes focus to scroll.
    const toggle = view.chart("times").locator("summary");
    await toggle.focus();
    await page.keyboard.press("Enter");
    await view.chart("times").locator(".report-table__scroll").waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Response and resolution times by day");
    expect(await serious(page)).toEqual([]);

    mkdirSync(SHOTS, { recursive: true });
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width < 768 ? 780 : 900 });
      await view.waitForChartsToFit();
      for (const found of await overflows(page)) problems.push(`${width}: ${found}`);
      await page.locator(".reports").evaluate((scroller) => scroller.scrollTo({ top: 0 }));
      await page.screenshot({ path: `${SHOTS}/reports-${width}.png` });
      await view.chart("times").evaluate((chart) => chart.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: `${SHOTS}/reports-charts-${width}.png` });
      // The last charts, with the cursor on a day: the legend reads that day's figures.
      const satisfaction = view.chart("satisfaction");
      await satisfaction.evaluate((chart) => chart.scrollIntoView({ block: "start" }));
      await satisfaction.locator(".u-over").hover();
      await satisfaction.locator(".u-series:first-child .u-value").filter({ hasText: /\w/ }).waitFor();
      await page.screenshot({ path: `${SHOTS}/reports-satisfaction-${width}.png` });
    }
    // The top bar, with its Reports link, still fits a phone in the inbox.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByRole("button", { name: "Inbox", exact: true }).click();
    await page.getByRole("tablist", { name: "Inbox views" }).waitFor();
    for (const found of await overflows(page)) problems.push(`inbox at 360: ${found}`);
    await page.screenshot({ path: `${SHOTS}/reports-inbox-360.png` });
    expect(problems).toEqual([]);
    await ada.close();
  });

  it("shows an agent the figures of their own conversations, in those words", async () => {
    const sam = await DashboardApp.open(stage.browser, stage.server, { width: 768, height: 900 });
    await sam.logInAndWait(SAM.email);
    const { page } = sam;
    const view = new ReportView(page, stage.server, await sam.cookie());
    await page.getByRole("link", { name: "Reports" }).click();
    await page.getByText(/^Figures for your conversations/).waitFor();
    const own = await view.waitForFigures({ from: shift(TODAY, -29), to: TODAY });
    const adminCookie = await loginCookie(stage.server, ADA.email, DEMO_PASSWORD);
    const workspace = await apiJson<typeof own>(stage.server, `/api/reports/summary?${await view.csvQuery()}`, { cookie: adminCookie });
    expect(own.totals.conversations).toBeGreaterThan(0);
    expect(own.totals.conversations).toBeLessThan(workspace.totals.conversations);
    expect(await view.card("Connection success")).toBe("–");
    expect(await serious(page)).toEqual([]);
    await sam.close();
  });
});
