import { describe, expect, it } from "vitest";
import type { Message } from "../../src/protocol";
import { DEMO } from "../../scripts/lib/demo-data";
import { useStage } from "./support/stage";
import { expectShowsStored, sessionOf, storedMessages, WidgetView } from "./support/browser";

/** How often each text was stored. */
const storedTimes = (stored: Message[], texts: string[]): number[] => texts.map((text) => stored.filter((m) => m.content === text).length);

/** The texts stored under each client message id: a message sent while away must be there once. */
const storedUnder = (stored: Message[], ids: string[]): string[][] =>
  ids.map((id) => stored.filter((m) => m.client_msg_id === id).map((m) => m.content));

describe("the widget when the network or the server fails", () => {
  const stage = useStage();

  it("queues a message written offline and delivers it exactly once when back online", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    await widget.send("Before going offline");
    await widget.waitForMessage("Before going offline");

    await context.setOffline(true);
    await widget.panel.and(page.locator('[data-connection="offline"]')).waitFor();
    expect(await widget.panel.locator(".subtitle").textContent()).toBe("You are offline");
    await widget.send("Written offline");
    await widget.pending.filter({ hasText: "Written offline" }).filter({ hasText: "Sending…" }).waitFor();
    const offlineId = await widget.pendingId("Written offline");
    const session = await sessionOf(page, stage.server);
    expect(storedUnder(await storedMessages(stage.server, session), [offlineId])).toEqual([[]]);

    await context.setOffline(false);
    await widget.waitOnline();
    // Written after the queued message, so its echo shows only once the server has had that one.
    await widget.send("Back online");
    await widget.waitForMessage("Back online");
    const stored = await expectShowsStored(widget, stage.server);
    expect(storedUnder(stored, [offlineId])).toEqual([["Written offline"]]);
    expect(storedTimes(stored, ["Before going offline", "Written offline", "Back online"])).toEqual([1, 1, 1]);
    await context.close();
  });

  it("reconnects after a server restart and resumes with nothing lost or doubled", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    const [faq] = DEMO.faqs;
    await widget.faq(faq.question).click();
    await widget.waitForMessage(faq.answer);
    await widget.send("Before the restart");
    await widget.waitForMessage("Before the restart");

    await stage.server.pause();
    await widget.panel.and(page.locator('[data-connection="reconnecting"]')).waitFor();
    const away = ["During the restart", "Still during the restart"];
    const awayIds: string[] = [];
    for (const text of away) {
      await widget.send(text);
      await widget.pending.filter({ hasText: text }).waitFor();
      awayIds.push(await widget.pendingId(text));
    }
    await stage.server.resume();

    await widget.waitOnline("websocket", 60_000);
    // Written after the queued messages, so its echo shows only once the server has had those.
    await widget.send("After the restart");
    await widget.waitForMessage("After the restart");
    const stored = await expectShowsStored(widget, stage.server);
    expect(storedUnder(stored, awayIds)).toEqual(away.map((text) => [text]));
    const texts = [faq.question, faq.answer, "Before the restart", ...away, "After the restart"];
    expect(storedTimes(stored, texts)).toEqual(texts.map(() => 1));
    await context.close();
  });

  it("chats over HTTP polling when WebSockets are blocked", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    let upgrades = 0;
    await page.routeWebSocket(/\/ws\//, (ws) => {
      upgrades++;
      ws.close({ code: 1008, reason: "blocked by a proxy" });
    });
    const widget = await WidgetView.openShop(page, stage.server, "polling");
    expect(upgrades).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { Parley: { isConnected: boolean } }).Parley.isConnected)).toBe(true);

    const faq = DEMO.faqs[2]!;
    await widget.faq(faq.question).click();
    await widget.waitForMessage(faq.answer);
    await widget.send("Can you hear me without a socket? I want to talk to a person.");
    await widget.waitForMessage("Can you hear me without a socket? I want to talk to a person.");
    await widget.waitForMessage("A team member has been asked to join");
    await widget.panel.locator(".banner.waiting").waitFor();
    const stored = await expectShowsStored(widget, stage.server);
    expect(stored.slice(0, 3).map((m) => m.content)).toEqual([faq.question, faq.answer, "Can you hear me without a socket? I want to talk to a person."]);
    await expect(widget.panel.getAttribute("data-transport")).resolves.toBe("polling");
    await context.close();
  });
});
