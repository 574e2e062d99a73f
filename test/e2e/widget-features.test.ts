import { createHmac } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Message, SessionInitResponse } from "../../src/protocol";
import { DEMO } from "../../scripts/lib/demo-data";
import { apiJson, callApi } from "./support/api";
import { useStage } from "./support/stage";
import { pageHtml, sessionOf, showPage, storedMessages, WidgetView } from "./support/browser";
import { putText } from "./support/composer-text";
import { OLDER_RETRY_TIMEOUT_MS, sayWithinBudget, withholdFirstOlderPage } from "./support/long-history";
import { initSession, WsClient } from "./support/ws-client";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A server frame as text, each of its messages dated `daysAgo(seq)` whole days earlier. */
function backdated(text: string, daysAgo: (seq: number) => number): string {
  if (!text.startsWith("{")) return text;
  const frame = JSON.parse(text) as { type: string; messages?: Message[]; message?: Message };
  // An error frame's `message` is its text, not a message.
  if (frame.type === "error") return text;
  const shift = (message: Message): Message => ({ ...message, timestamp: new Date(Date.parse(message.timestamp) - daysAgo(message.seq) * DAY_MS).toISOString() });
  if (frame.messages) frame.messages = frame.messages.map(shift);
  if (frame.message) frame.message = shift(frame.message);
  return JSON.stringify(frame);
}

const userHash = (userId: string): string => createHmac("sha256", DEMO.identitySecret).update(userId).digest("hex");

/** Identifies the page's visitor through the public JS API, as an embedder's page would. */
async function identifyInPage(page: Page, userId: string): Promise<void> {
  await page.evaluate(
    ([user_id, user_hash]) => (window as unknown as { Parley: { identify(u: object): Promise<void> } }).Parley.identify({ user_id, user_hash }),
    [userId, userHash(userId)],
  );
}

describe("widget features", () => {
  const stage = useStage();

  /**
   * The shop in a new browser whose visitor asked for a human (so the bot stays out: one
   * escalation line) and then wrote `lines` messages, `${prefix} line 1` and on.
   */
  async function longHistory(lines: number, prefix: string) {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.loadShop(page, stage.server);
    const session = await sessionOf(page, stage.server);
    await callApi(stage.server, `/api/chat/${session.session_id}/escalate`, { token: session.visitor_token, body: { reason: "Seeding a long history" } });
    for (let i = 1; i <= lines; i++) await sayWithinBudget(stage.server, session, `${prefix} line ${i}`, `${prefix}-${i}`);
    return { context, page, widget, session };
  }

  it("loads older messages on demand, asking again when refused for now, then shows the start of the conversation", async () => {
    // 1 escalation line and the 64 lines.
    const { context, page, widget, session } = await longHistory(64, "History");
    const olderAsked = await withholdFirstOlderPage(page, "refused");

    await widget.open();
    await widget.waitOnline();
    await expect.poll(() => widget.messages.count()).toBe(50);
    expect(await widget.panel.locator(".faq").count()).toBe(0);
    await widget.panel.getByRole("button", { name: "Show earlier messages" }).click();
    await expect.poll(() => widget.messages.count(), { timeout: OLDER_RETRY_TIMEOUT_MS }).toBe(65);
    expect(olderAsked()).toBeGreaterThanOrEqual(2);
    await widget.panel.locator(".faq").waitFor();
    const stored = await storedMessages(stage.server, session);
    const shown = await widget.texts();
    expect(shown).toHaveLength(stored.length);
    expect(shown.filter((text) => text.startsWith("History line"))).toEqual(Array.from({ length: 64 }, (_, i) => `History line ${i + 1}`));
    await context.close();
  });

  it("asks again for older messages whose request was lost with the connection, once it is back", async () => {
    const { context, page, widget } = await longHistory(51, "Lost");
    const olderAsked = await withholdFirstOlderPage(page, "lost");

    await widget.open();
    await widget.waitOnline();
    await expect.poll(() => widget.messages.count()).toBe(50);
    await widget.panel.getByRole("button", { name: "Show earlier messages" }).click();
    await expect.poll(() => widget.messages.count(), { timeout: OLDER_RETRY_TIMEOUT_MS }).toBe(52);
    expect(olderAsked()).toBeGreaterThanOrEqual(2);
    expect(await widget.panel.getByRole("button", { name: "Show earlier messages" }).count()).toBe(0);
    await context.close();
  });

  it("asks again for older messages refused over HTTP, where WebSockets are blocked", async () => {
    const { context, page, widget } = await longHistory(51, "Polled");
    await page.routeWebSocket(/\/ws\//, (ws) => ws.close({ code: 1008, reason: "blocked by a proxy" }));
    // The first older page is refused as the server refuses a read over the visitor's budget.
    let asked = 0;
    await page.route(/\/api\/chat\/[^/]+\/history\?before=/, (route) =>
      asked++ === 0
        ? route.fulfill({ status: 429, json: { error: { code: "rate_limited", message: "Too many requests; slow down" } } })
        : route.continue(),
    );

    await widget.open();
    await widget.waitOnline("polling");
    await expect.poll(() => widget.messages.count()).toBe(50);
    await widget.panel.getByRole("button", { name: "Show earlier messages" }).click();
    await expect.poll(() => widget.messages.count(), { timeout: OLDER_RETRY_TIMEOUT_MS }).toBe(52);
    expect(asked).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it("dates the days of a conversation, and keeps the dates right as older messages load above", async () => {
    const context = await stage.browser.newContext({ locale: "en-US", timezoneId: "UTC" });
    const page = await context.newPage();
    const widget = await WidgetView.loadShop(page, stage.server);
    const session = await sessionOf(page, stage.server);
    for (let i = 1; i <= 56; i++) await sayWithinBudget(stage.server, session, `Line ${i}`, `dated-${i}`);
    const last = (await storedMessages(stage.server, session)).at(-1)!.seq;
    // The server stamps everything now: its socket is made to tell of three days ago and
    // yesterday, by seq, so that the 50 messages shown first begin within yesterday.
    const daysAgo = (seq: number): number => (seq <= last - 53 ? 3 : seq <= last - 45 ? 1 : 0);
    await page.routeWebSocket(/\/ws\/chat\//, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => server.send(message));
      server.onMessage((message) => socket.send(backdated(String(message), daysAgo)));
    });
    const threeDaysAgo = new Date(Date.now() - 3 * DAY_MS);
    const sameYear = threeDaysAgo.getUTCFullYear() === new Date().getUTCFullYear();
    const dated = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: sameYear ? undefined : "numeric", timeZone: "UTC" });
    /** Each separator's name and the seq of the message right below it. */
    const separators = () =>
      widget.panel.locator("ol.log > li").evaluateAll((items) =>
        items.flatMap((item, i) =>
          item.getAttribute("role") === "separator" ? [[item.getAttribute("aria-label"), Number(items[i + 1]?.getAttribute("data-seq"))]] : [],
        ),
      );

    await widget.open();
    await widget.waitOnline();
    await expect.poll(() => widget.messages.count()).toBe(50);
    expect(await separators()).toEqual([
      ["Yesterday", last - 49],
      ["Today", last - 44],
    ]);
    await widget.panel.getByRole("button", { name: "Show earlier messages" }).click();
    await expect.poll(() => widget.messages.count(), { timeout: OLDER_RETRY_TIMEOUT_MS }).toBeGreaterThan(50);
    const top = Number(await widget.messages.first().getAttribute("data-seq"));
    expect(await separators()).toEqual([
      [dated.format(threeDaysAgo), top],
      ["Yesterday", last - 52],
      ["Today", last - 44],
    ]);
    expect(await widget.panel.getByRole("separator", { name: "Yesterday" }).textContent()).toBe("Yesterday");
    await context.close();
  });

  it("lists an identified user's conversations from every browser and continues an open one from another", async () => {
    const laptop = await stage.browser.newContext();
    const first = await laptop.newPage();
    const onLaptop = await WidgetView.openShop(first, stage.server);
    await onLaptop.send("Asked from my laptop");
    await onLaptop.waitForMessage("Asked from my laptop");
    await identifyInPage(first, "traveller-1");

    const phone = await stage.browser.newContext();
    const page = await phone.newPage();
    const widget = await WidgetView.loadShop(page, stage.server);
    await identifyInPage(page, "traveller-1");
    await widget.open();
    await widget.panel.getByRole("button", { name: "Your conversations" }).click();
    const items = widget.panel.locator(".conversation");
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.filter({ hasText: "Current conversation" }).count()).toBe(1);
    await items.filter({ hasNotText: "Current conversation" }).click();
    await widget.waitForMessage("Asked from my laptop");
    await widget.waitOnline();
    await widget.send("Answered on my phone");
    await widget.waitForMessage("Answered on my phone");
    await onLaptop.waitForMessage("Answered on my phone");
    expect(await storedMessages(stage.server, await sessionOf(first, stage.server))).toContainEqual(
      expect.objectContaining({ content: "Answered on my phone", sender_type: "user" }),
    );

    // Back through the list to the phone's own conversation, which the reply did not go to.
    await widget.panel.getByRole("button", { name: "Back" }).click();
    await widget.panel.getByRole("button", { name: "Back" }).click();
    await widget.input.waitFor();
    await widget.waitOnline();
    expect(await widget.count("Answered on my phone")).toBe(0);
    await Promise.all([laptop.close(), phone.close()]);
  });

  it("tells the conversation when the visitor types, stops typing and has read an answer", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    await identifyInPage(page, "watched-user");
    const session = await sessionOf(page, stage.server);

    // The same user in another browser may join the conversation and sees what the widget reports.
    const other = await initSession(stage.server, "e2e-other-browser-of-watched-user");
    await apiJson(stage.server, "/api/widget/demo/identify", {
      token: other.visitor_token,
      body: { user_id: "watched-user", user_hash: userHash("watched-user") },
    });
    const watcher = await WsClient.connect(stage.server, session.session_id, other.visitor_token);

    await widget.input.pressSequentially("Hel");
    const started = await watcher.next("typing", (f) => f.is_typing);
    expect(started.sender_type).toBe("user");
    const startedAt = Date.now();
    await watcher.next("typing", (f) => !f.is_typing, 5000);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(800);

    await widget.faq(DEMO.faqs[3].question).click();
    await widget.waitForMessage(DEMO.faqs[3].answer);
    const answer = (await storedMessages(stage.server, session)).find((m) => m.sender_type === "bot")!;
    await watcher.next("read", (f) => f.sender_type === "user" && f.seq === answer.seq);
    watcher.end();
    await context.close();
  });

  it("words counts by the locale's plural rules and links www. addresses like http ones", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    const counter = widget.panel.locator("#parley-count");
    await putText(widget.input, "a".repeat(999));
    await expect.poll(() => counter.textContent()).toBe("1 character left");
    await putText(widget.input, "a".repeat(998));
    await expect.poll(() => counter.textContent()).toBe("2 characters left");

    await widget.send("Sizes at www.example.com/sizes, or https://example.org/help. Not foo.www.example.net or me@www.example.com");
    await widget.waitForMessage("Sizes at www.example.com/sizes");
    const links = widget.messages.filter({ hasText: "Sizes at" }).locator("a");
    expect(await links.evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("target")]))).toEqual([
      ["www.example.com/sizes", "https://www.example.com/sizes", "_blank"],
      ["https://example.org/help", "https://example.org/help", "_blank"],
    ]);
    await context.close();
  });

  it("follows the snippet's data attributes: German, left, dark, own colour", async () => {
    const context = await stage.browser.newContext({ reducedMotion: "reduce" });
    const page = await context.newPage();
    await showPage(page, stage.server, pageHtml('<script src="/widget.js" data-site="demo" data-locale="de" data-position="left" data-theme="dark" data-color="#0f766e" async></script>'));
    const widget = new WidgetView(page);
    await widget.bubble.waitFor();
    expect(await widget.bubble.getAttribute("aria-label")).toBe("Chat öffnen");
    expect((await widget.bubble.boundingBox())!.x).toBe(20);
    expect(await widget.bubble.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe("rgb(15, 118, 110)");

    await widget.open();
    await widget.waitOnline();
    expect(await widget.panel.evaluate((panel) => getComputedStyle(panel).backgroundColor)).toBe("rgb(17, 24, 39)");
    expect(await widget.input.getAttribute("placeholder")).toBe("Nachricht schreiben…");
    expect(await widget.panel.locator(".faq-title").textContent()).toBe("Häufige Fragen");
    expect(await widget.panel.getByRole("button", { name: "Mit einem Menschen sprechen" }).count()).toBe(1);
    // Nobody is on the dashboard: no quick reply is promised (SPEC §12).
    expect(await widget.panel.locator(".subtitle").textContent()).toBe("Wir antworten so bald wie möglich");
    await widget.panel.getByRole("button", { name: "Chat schließen" }).click();
    expect(await widget.panel.isVisible()).toBe(false);
    await context.close();
  });

  it("can be created by hand with new ParleyWidget({...}): auto open, own greeting, overridden strings", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await showPage(
      page,
      stage.server,
      pageHtml(`<script src="/widget.js"></script><script>
        window.chat = new ParleyWidget({ siteKey: "demo", autoOpen: true, greeting: "Hello from a framework",
          strings: { placeholder: "Ask Northwind anything…" }, reconnectInterval: 1500, typingTimeout: 500 });
      </script>`),
    );
    const widget = new WidgetView(page);
    await widget.panel.waitFor({ state: "visible" });
    await widget.waitOnline();
    expect(await widget.panel.locator(".intro .bubble .text").first().textContent()).toBe("Hello from a framework");
    expect(await widget.input.getAttribute("placeholder")).toBe("Ask Northwind anything…");
    expect(await page.evaluate(() => (window as unknown as { chat: { isConnected: boolean } }).chat.isConnected)).toBe(true);
    expect(await page.evaluate(() => "Parley" in window)).toBe(false);

    await page.evaluate(() => (window as unknown as { chat: { sendMessage(text: string): void } }).chat.sendMessage("Made by hand"));
    await widget.waitForMessage("Made by hand");
    expect((await storedMessages(stage.server, await sessionOf(page, stage.server))).map((m) => m.content)).toContain("Made by hand");
    await context.close();
  });
});
