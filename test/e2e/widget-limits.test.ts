import { describe, expect, it } from "vitest";
import type { SessionInitResponse } from "../../src/protocol";
import { PING } from "../../src/protocol/limits";
import { sessionOf, storedMessages, WidgetView } from "./support/browser";
import { fieldText, pasteAt, putText, sendTextCases } from "./support/composer-text";
import { waitUntil } from "./support/dashboard-app";
import { useStage } from "./support/stage";
import { WsClient } from "./support/ws-client";

/** A keep-alive interval far below the default, so a test sees the widget follow the server's. */
const FAST_KEEPALIVE_MS = 1_000;

/** The widget against the server's limits: message text (SPEC §10), socket caps and keep-alive. */
describe("the widget within the server's limits", () => {
  const stage = useStage();

  it("counts, clips and refuses message text exactly as the server does (TEXT_CASES)", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    const sent = await sendTextCases(widget.input, async () => ({
      sendable: await widget.panel.locator("button.send").isEnabled(),
      counter: (await widget.panel.locator("#parley-count").allTextContents())[0] ?? null,
      broken: await widget.panel.locator("#parley-problem").isVisible(),
    }));

    const session = await sessionOf(page, stage.server);
    const stored = async () => (await storedMessages(stage.server, session)).filter((m) => m.sender_type === "user").map((m) => m.content);
    await waitUntil(stored, (contents) => contents.length >= sent.length, "every accepted text is stored", 20_000);
    expect(await stored()).toEqual(sent);
    await context.close();
  });

  it("shortens what a paste puts in, never what was written before it, and never inside an emoji", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    const written = `${"w".repeat(990)}THE-ENDING`;
    await putText(widget.input, written);
    // Pasted at the start with nothing left: the paste goes, what was written stays.
    const pasted = "PASTE-START-\u{1F600}\u{1F468}\u200D\u{1F469}\u200D\u{1F467}";
    await pasteAt(widget.input, pasted, 0);
    await waitUntil(() => fieldText(widget.input), (value) => value === written, "the paste is dropped, what was written stays");

    // Pasted at the end with ten left: cut to fit, before the emoji rather than inside one.
    await putText(widget.input, "w".repeat(990));
    await pasteAt(widget.input, pasted, 990);
    await waitUntil(() => fieldText(widget.input), (value) => value === `${"w".repeat(990)}PASTE-STAR`, "the paste is cut to fit");
    // One code point over: the family emoji (seven code points) goes whole.
    await putText(widget.input, "w".repeat(993));
    await pasteAt(widget.input, "x\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}", 993);
    await waitUntil(() => fieldText(widget.input), (value) => value === `${"w".repeat(993)}x`, "no half family emoji");
    await context.close();
  });

  it("chats over HTTP while the visitor holds the most sockets allowed, and takes a socket once one closes", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.loadShop(page, stage.server);
    const session = await sessionOf(page, stage.server);
    const others: WsClient[] = [];
    // CHAT_MAX_SOCKETS_PER_PERSON: the visitor's other tabs and devices hold every socket allowed.
    for (let i = 0; i < 5; i++) others.push(await WsClient.connect(stage.server, session.session_id, session.visitor_token));

    await widget.open();
    await widget.waitOnline("polling");
    await widget.send("Sent while every socket was taken");
    await widget.waitForMessage("Sent while every socket was taken");

    others.pop()!.end();
    await widget.waitOnline("websocket", 30_000);
    for (const other of others) other.end();
    await context.close();
  });

  it("pings at the interval the server gives and gives up on a socket whose pings go unanswered", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await page.route("**/api/widget/demo/session", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as SessionInitResponse;
      await route.fulfill({ response, json: { ...body, limits: { ...body.limits, keepalive_ms: FAST_KEEPALIVE_MS } } });
    });
    const pings: number[] = [];
    let answering = true;
    await page.routeWebSocket(/\/ws\/chat\//, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => {
        if (message === PING) pings.push(Date.now());
        if (message !== PING || answering) server.send(message);
      });
    });

    await WidgetView.openShop(page, stage.server);
    await waitUntil(async () => pings.length, (count) => count >= 3, "pings at the server's interval", 5_000);

    answering = false;
    const silentSince = Date.now();
    await page.locator('parley-widget section.panel[data-connection="reconnecting"]').waitFor({ timeout: 15_000 });
    // Given up at the tick after two unanswered pings (at most 3 × 1 s), far below the default's 30 s.
    expect(Date.now() - silentSince).toBeLessThan(12_000);
    await context.close();
  });
});
