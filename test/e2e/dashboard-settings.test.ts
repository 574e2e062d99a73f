import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import type { FaqListResponse, Site } from "../../src/protocol";
import { apiJson, callApi } from "./support/api";
import { serious } from "./support/axe";
import { pageHtml, WidgetView } from "./support/browser";
import { ADA, DashboardApp, SAM, waitUntil } from "./support/dashboard-app";
import { serveHostPage } from "./support/host-page";
import { useStage } from "./support/stage";

/** From a small phone to a desktop (issue 9's widths). */
const WIDTHS = [360, 768, 1024, 1440];
/** Where the screenshots go, to look at; they are not committed. */
const SHOTS = "/tmp/shots";

/** The demo site's FAQ questions, in the order the server now keeps them. */
async function faqOrder(cookie: string, stage: ReturnType<typeof useStage>): Promise<string[]> {
  const { faqs } = await apiJson<FaqListResponse>(stage.server, `/api/sites/${DEMO.siteId}/faqs`, { cookie });
  return faqs.map((faq) => faq.question);
}

/**
 * What reaches past the viewport: the document in either direction (the settings scroll on their
 * own, under the top bar), or anything inside the settings past its sides.
 */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const found = root.scrollWidth > root.clientWidth ? [`document ${root.scrollWidth} > ${root.clientWidth}`] : [];
    if (root.scrollHeight > root.clientHeight) found.push(`document ${root.scrollHeight} tall > ${root.clientHeight}`);
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(".settings *"))) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5)) found.push(`${element.tagName.toLowerCase()}.${element.className}`);
    }
    return found;
  });
}

/** The settings' own scroller brings `selector` to its top, for a screenshot of that part. */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).evaluate((element) => element.scrollIntoView({ block: "start" }));
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");

/**
 * Issue 10's settings in a real Chromium against one real `wrangler dev`: an admin sets up a site
 * without SQL and a visitor on that site's own origin reaches them.
 */
describe("the admin's settings", () => {
  const stage = useStage();

  it("sets up a new site on a new origin: a malformed origin is named beside it, the preview follows, and the widget works there", async () => {
    let snippet = "";
    const host = await serveHostPage(() => pageHtml(snippet, "<h1>Harbor Books</h1>"));
    const ada = await DashboardApp.open(stage.browser, stage.server);
    await ada.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stage.server.origin });
    await ada.logInAndWait(ADA.email);
    const { page } = ada;

    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Sites", level: 2 }).waitFor();
    expect(new URL(page.url()).hash).toBe("#/settings");
    await page.getByRole("link", { name: "New site" }).click();
    await page.getByRole("heading", { name: "New site", level: 2 }).waitFor();

    // The preview follows the form before anything is saved.
    const preview = page.locator(".widget-preview__stage");
    await page.getByLabel("Name", { exact: true }).fill("Harbor Books");
    await expect.poll(() => preview.locator(".wp-title").textContent()).toBe("Harbor Books");
    await page.getByLabel("Colour", { exact: true }).fill("#0f766e");
    await expect.poll(() => preview.locator(".wp-head").evaluate((head) => getComputedStyle(head).backgroundColor)).toBe("rgb(15, 118, 110)");
    await page.getByRole("radio", { name: "Bottom left" }).check();
    const side = await preview.locator(".wp-launcher").evaluate((launcher) => launcher.getBoundingClientRect().left - launcher.parentElement!.getBoundingClientRect().left);
    expect(side).toBeLessThan(40);
    await page.getByRole("radio", { name: "Dark" }).check();
    await expect.poll(() => preview.locator(".wp-panel").evaluate((panel) => getComputedStyle(panel).backgroundColor)).toBe("rgb(17, 24, 39)");
    await page.getByLabel("Greeting", { exact: true }).fill("Ahoy! Looking for a book?");
    await preview.getByText("Ahoy! Looking for a book?").waitFor();

    // A malformed origin: the server's words beside its row, which gets focus.
    await page.getByLabel("Allowed origin 1", { exact: true }).fill("harbor-books.example/shop");
    await page.getByRole("button", { name: "Add origin" }).click();
    await page.getByLabel("Allowed origin 2", { exact: true }).fill(host.origin);
    await page.getByRole("button", { name: "Create site" }).click();
    const first = page.getByLabel("Allowed origin 1", { exact: true });
    await waitUntil(() => first.getAttribute("aria-invalid"), (invalid) => invalid === "true", "the malformed origin is marked");
    const errorId = await first.getAttribute("aria-describedby");
    const error = page.locator(`[id="${errorId!.split(" ").at(-1)}"]`);
    expect(await error.textContent()).toContain('"harbor-books.example/shop" is not an origin');
    expect(await first.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await page.getByLabel("Allowed origin 2", { exact: true }).getAttribute("aria-invalid")).toBeNull();
    expect(await page.getByRole("alert").filter({ hasText: "Some fields need a change" }).count()).toBe(1);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/settings-new-site-error-1440.png` });

    await page.getByRole("button", { name: "Remove allowed origin 1" }).click();
    await page.getByRole("button", { name: "Create site" }).click();
    await page.getByRole("heading", { name: "Harbor Books", level: 2 }).waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#\/settings\/sites\/[A-Za-z0-9_-]+$/);
    expect(await page.getByRole("button", { name: "Save changes" }).isDisabled()).toBe(true);
    await page.getByText("All changes saved").waitFor();

    // An FAQ, added in the page, shows in the preview at once.
    await page.getByRole("button", { name: "Add FAQ" }).click();
    await page.getByLabel("Question").fill("Do you buy used books?");
    await page.getByLabel("Answer").fill("Yes: bring them to the shop on weekdays and we make you an offer.");
    await page.getByLabel("Keywords").fill("sell secondhand trade");
    await page.getByRole("button", { name: "Add FAQ" }).click();
    await page.locator(".faq-row__question", { hasText: "Do you buy used books?" }).waitFor();
    await preview.getByText("Do you buy used books?").waitFor();

    // The snippet, copied with its button, is the README's tag with this server and the new key.
    const site = (await ada.api<{ sites: Site[] }>("/api/sites")).sites.find((entry) => entry.name === "Harbor Books")!;
    expect(site).toMatchObject({ allowed_origins: [host.origin], theme: { color: "#0f766e", mode: "dark", position: "left" } });
    const snippetField = page.getByLabel("Embed snippet");
    expect(await snippetField.inputValue()).toBe(`<script src="${stage.server.origin}/widget.js" data-site="${site.site_key}" async></script>`);
    await page.locator(".copy-field", { has: snippetField }).getByRole("button", { name: "Copy" }).click();
    await page.getByText("Embed snippet copied to the clipboard").waitFor();
    snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toBe(await snippetField.inputValue());

    // A page on the new origin, with the pasted snippet: the widget, its FAQ, and a human.
    const visitorContext = await stage.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitorPage = await visitorContext.newPage();
    await visitorPage.goto(`${host.origin}/`);
    const widget = new WidgetView(visitorPage);
    await widget.open();
    await widget.faq("Do you buy used books?").waitFor();
    expect(await widget.panel.locator(".title").textContent()).toBe("Harbor Books");
    await widget.waitOnline();
    await widget.send("I want to sell 40 books, can I talk to a person?");
    await widget.waitForMessage("I want to sell 40 books, can I talk to a person?");

    await page.getByRole("button", { name: "Inbox", exact: true }).click();
    await ada.showTab("Waiting");
    const row = page.locator(".inbox-list__panel a.inbox-row", { hasText: "Harbor Books" });
    await row.click();
    await ada.message("I want to sell 40 books, can I talk to a person?").waitFor();
    await ada.reply("Happily! Bring them in on Monday.");
    await widget.waitForMessage("Happily! Bring them in on Monday.");

    await visitorContext.close();
    await ada.close();
    await host.close();
  });

  it("shows an identity secret once, asks before rotating it, and deletes a site after saying what happens", async () => {
    // The page's own sign-in serves the API calls too: logins are rate limited per address and email.
    const ada = await DashboardApp.open(stage.browser, stage.server, { width: 1024, height: 768 });
    await ada.logInAndWait(ADA.email);
    const cookie = await ada.cookie();
    const site = await apiJson<Site>(stage.server, "/api/sites", { cookie, body: { name: "Lighthouse Tours" } });
    const { page } = ada;
    await page.goto(`${stage.server.origin}/dashboard/#/settings/sites/${site.id}`);
    await page.getByRole("heading", { name: "Lighthouse Tours", level: 2 }).waitFor();

    await page.getByRole("button", { name: "Generate secret" }).click();
    // Exact: the rotation dialog, while it closes, is named "Rotate the identity secret?".
    const secretField = page.getByLabel("Identity secret", { exact: true });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await page.getByText("it will not be shown again").waitFor();

    // Rotating asks first; Escape keeps the secret and gives focus back.
    const rotate = page.getByRole("button", { name: "Rotate secret" });
    await rotate.click();
    const dialog = page.getByRole("dialog", { name: "Rotate the identity secret?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("stops working at once");
    expect(await focusedText(page)).toBe("Cancel");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await rotate.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await secretField.inputValue()).toBe(secret);
    await rotate.click();
    await dialog.getByRole("button", { name: "Rotate secret" }).click();
    await waitUntil(() => secretField.inputValue(), (shown) => shown !== secret && /^[0-9a-f]{64}$/.test(shown), "a new secret is shown");

    await page.getByRole("button", { name: "Delete site" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete Lighthouse Tours?" });
    expect(await confirm.textContent()).toContain("Its conversations stay in the inbox");
    expect(await serious(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Delete site" }).click();
    await page.getByRole("heading", { name: "Sites", level: 2 }).waitFor();
    await page.getByText("Lighthouse Tours was deleted").waitFor();
    expect(await page.locator(".site-card", { hasText: "Lighthouse Tours" }).count()).toBe(0);
    expect((await callApi(stage.server, `/api/sites/${site.id}`, { cookie })).status).toBe(404);
    await ada.close();
  });

  it("reorders FAQs with the keyboard alone, saved in the order the widget shows", async () => {
    const ada = await DashboardApp.open(stage.browser, stage.server, { width: 768, height: 900 });
    await ada.logInAndWait(ADA.email);
    const cookie = await ada.cookie();
    const before = await faqOrder(cookie, stage);
    const { page } = ada;
    await page.goto(`${stage.server.origin}/dashboard/#/settings/sites/${DEMO.siteId}`);
    const firstRow = page.getByRole("group", { name: `FAQ 1: ${before[0]}` });
    await firstRow.getByRole("button", { name: "Move down" }).focus();

    await page.keyboard.press("Enter");
    await page.getByRole("group", { name: `FAQ 2: ${before[0]}` }).waitFor();
    // Focus stays with the moved FAQ, so pressing again moves it further.
    expect(await focusedText(page)).toBe("Move down");
    await page.keyboard.press("Enter");
    await page.getByRole("group", { name: `FAQ 3: ${before[0]}` }).waitFor();
    await page.getByText(`"${before[0]}" is now number 3 of ${before.length}.`).waitFor({ state: "attached" });
    expect(await focusedText(page)).toBe("Move down");
    await page.keyboard.press("Shift+Tab");
    expect(await focusedText(page)).toBe("Move up");
    await page.keyboard.press("Enter");
    await page.getByRole("group", { name: `FAQ 2: ${before[0]}` }).waitFor();

    const expected = [before[1], before[0], ...before.slice(2)];
    await waitUntil(() => faqOrder(cookie, stage), (order) => JSON.stringify(order) === JSON.stringify(expected), "the server keeps the new order");
    const shop = await WidgetView.openShop(await (await stage.browser.newContext()).newPage(), stage.server);
    expect(await shop.panel.locator(".faq-item").allTextContents()).toEqual(expected);
    await shop.page.context().close();
    await ada.close();
  });

  it("sets business hours in the site's time zone and the away mode; a wrong range is named beside it", async () => {
    const ada = await DashboardApp.open(stage.browser, stage.server, { width: 1440, height: 900 });
    await ada.logInAndWait(ADA.email);
    const cookie = await ada.cookie();
    const { page } = ada;
    await page.goto(`${stage.server.origin}/dashboard/#/settings/sites/${DEMO.siteId}`);
    await page.getByLabel("Business hours").check();
    // Turned on, the hours start as a working week, 09:00–17:00.
    expect(await page.getByLabel(/opens at$/).count()).toBe(5);
    await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await page.getByLabel("Monday opens at").fill("09:30");
    // A time field cannot hold 24:00: midnight is 00:00 there, and 24:00 in the API.
    await page.getByLabel("Monday closes at").fill("00:00");
    await page.getByRole("button", { name: "Add hours on Tuesday" }).click();
    const evening = page.getByLabel("Tuesday opens at").nth(1);
    await evening.fill("18:00");
    await page.getByLabel("Tuesday closes at").nth(1).fill("09:00");
    await page.getByLabel("Away message").fill("Back after the weekend.");
    await page.getByLabel("Hide the widget").check();
    await page.getByRole("button", { name: "Save changes" }).click();

    await waitUntil(() => evening.getAttribute("aria-invalid"), (value) => value === "true", "the wrong range is marked");
    // Its error is the field's description, beside it.
    const errorId = (await evening.getAttribute("aria-describedby"))?.split(" ").find((id) => id !== "hours-hint");
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain("later than open");
    expect(await page.getByLabel("Tuesday opens at").first().getAttribute("aria-invalid")).not.toBe("true");

    await page.getByRole("button", { name: "Remove Tuesday 18:00 to 09:00" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("All changes saved").waitFor();
    const saved = await apiJson<Site>(stage.server, `/api/sites/${DEMO.siteId}`, { cookie });
    expect(saved).toMatchObject({
      business_hours: {
        timezone: "Asia/Tokyo",
        days: [{ day: 1, open: "09:30", close: "24:00" }, ...[2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "17:00" }))],
      },
      away_message: "Back after the weekend.",
      when_away: "hide",
    });
    // The other tests of this file expect the demo site open around the clock.
    await callApi(stage.server, `/api/sites/${DEMO.siteId}`, { method: "PATCH", cookie, body: { business_hours: null, when_away: "form", away_message: "" } });
    await ada.close();
  });

  it("invites an agent with a one-time link, resets a password, deactivates, and refuses to lose the last admin", async () => {
    const ada = await DashboardApp.open(stage.browser, stage.server, { width: 1024, height: 800 });
    await ada.logInAndWait(ADA.email);
    const { page } = ada;
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Agents" }).click();
    await page.getByRole("heading", { name: "Agents", level: 2 }).waitFor();

    await page.getByRole("button", { name: "Invite agent" }).click();
    await page.getByLabel("Name").fill("Noor Newcomer");
    await page.getByLabel("Email").fill("noor@example.com");
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = page.getByLabel("Sign-in link for Noor Newcomer");
    await link.waitFor();
    const first = await link.inputValue();
    expect(first.startsWith(`${stage.server.origin}/dashboard/#/invite/`)).toBe(true);
    expect(await page.locator(".copy-field", { has: link }).textContent()).toContain("Works once, until");

    const noor = page.locator(".agent-row", { hasText: "noor@example.com" });
    await noor.getByRole("button", { name: "Reset password" }).click();
    await waitUntil(() => link.inputValue(), (value) => value !== first && value.includes("#/invite/"), "a new link replaces the first");

    // The last active admin cannot stop being one; the row says why and keeps the role.
    const me = page.locator(".agent-row", { hasText: ADA.email });
    await me.getByLabel(`Role of ${ADA.name}`).selectOption("agent");
    await me.getByRole("alert").filter({ hasText: "last active admin" }).waitFor();
    expect(await me.getByLabel(`Role of ${ADA.name}`).inputValue()).toBe("admin");
    expect(await me.getByRole("button", { name: "Deactivate" }).count()).toBe(0);

    await noor.getByRole("button", { name: "Deactivate" }).click();
    await noor.getByText("Deactivated").waitFor();
    expect(await link.count()).toBe(0);
    await noor.getByRole("button", { name: "Reactivate" }).click();
    await noor.getByRole("button", { name: "Deactivate" }).waitFor();
    await ada.close();
  });

  it("keeps Settings from agents who are not admins", async () => {
    const sam = await DashboardApp.open(stage.browser, stage.server, { width: 1440, height: 900 });
    await sam.logInAndWait(SAM.email);
    expect(await sam.page.getByRole("link", { name: "Settings" }).count()).toBe(0);
    await sam.page.goto(`${stage.server.origin}/dashboard/#/settings/agents`);
    await sam.page.getByRole("tablist", { name: "Inbox views" }).waitFor();
    expect(await sam.page.getByRole("heading", { name: "Settings" }).count()).toBe(0);
    await sam.close();
  });

  it("looks like a product from 360 to 1440 px, with no serious axe findings", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const problems: string[] = [];
    // One sign-in for every width: logins are rate limited per address and per email.
    const ada = await DashboardApp.open(stage.browser, stage.server, { width: WIDTHS[0]!, height: 860 });
    await ada.logInAndWait(ADA.email);
    const { page } = ada;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width < 1024 ? 860 : 900 });
      await page.goto(`${stage.server.origin}/dashboard/#/settings/sites/${DEMO.siteId}`);
      await page.locator(".faq-row").first().waitFor();
      for (const found of await overflows(page)) problems.push(`site at ${width}: ${found}`);
      for (const found of await serious(page)) problems.push(`site at ${width}: ${found}`);
      await page.screenshot({ path: `${SHOTS}/settings-site-${width}.png` });
      if (width < 1024) {
        await scrollTo(page, ".widget-preview");
        await page.screenshot({ path: `${SHOTS}/settings-preview-${width}.png` });
      }
      await page.getByRole("button", { name: "Away" }).click();
      await scrollTo(page, ".widget-preview");
      await page.screenshot({ path: `${SHOTS}/settings-preview-away-${width}.png` });
      await scrollTo(page, "#site-faqs");
      await page.screenshot({ path: `${SHOTS}/settings-faqs-${width}.png` });

      await page.goto(`${stage.server.origin}/dashboard/#/settings/agents`);
      await page.locator(".agent-row").first().waitFor();
      await page.getByRole("button", { name: "Invite agent" }).click();
      for (const found of await overflows(page)) problems.push(`agents at ${width}: ${found}`);
      for (const found of await serious(page)) problems.push(`agents at ${width}: ${found}`);
      await page.screenshot({ path: `${SHOTS}/settings-agents-${width}.png` });
    }
    await ada.close();
    expect(problems).toEqual([]);
  });
});
