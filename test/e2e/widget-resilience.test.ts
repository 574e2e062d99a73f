import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import type { DevServer } from "./support/dev-server";
import { useStage } from "./support/stage";
import { sessionOf, storedMessages, WidgetView } from "./support/browser";

const times = (list: string[], text: string): number => list.filter((item) => item === text).length;

/** Shown texts must be exactly what the server stored, in the same order, nothing twice. */
async function expectShownAsStored(widget: WidgetView, server: DevServer): Promise<string[]> {
  const stored = await storedMessages(server, await sessionOf(widget.page, server));
  const shown = await widget.texts();
  expect(shown).toHaveLength(stored.length);
  const userTexts = stored.filter((m) => m.sender_type !== "system").map((m) => m.content);
  expect(shown.filter((text) => userTexts.includes(text))).toEqual(userTexts);
  return stored.map((m) => m.content);
}

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
    await page.waitForTimeout(1000);
    const session = await sessionOf(page, stage.server);
    expect((await storedMessages(stage.server, session)).map((m) => m.content)).not.toContain("Written offline");

    await context.setOffline(false);
    await widget.waitForMessage("Written offline");
    await widget.waitOnline();
    await page.waitForTimeout(1000);
    expect(await widget.count("Written offline")).toBe(1);
    expect(await widget.pending.count()).toBe(0);
    const stored = await expectShownAsStored(widget, stage.server);
    expect(times(stored, "Written offline")).toBe(1);
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
    await widget.send("During the restart");
    await widget.pending.filter({ hasText: "During the restart" }).waitFor();
    await stage.server.resume();

    await widget.waitForMessage("During the restart", 60_000);
    await widget.waitOnline("websocket", 60_000);
    await widget.send("After the restart");
    await widget.waitForMessage("After the restart");
    await page.waitForTimeout(1000);
    const stored = await expectShownAsStored(widget, stage.server);
    for (const text of [faq.question, faq.answer, "Before the restart", "During the restart", "After the restart"]) {
      expect(times(stored, text)).toBe(1);
      expect(await widget.count(text)).toBe(1);
    }
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
    await widget.send("Can you hear me without a socket?");
    await widget.waitForMessage("Can you hear me without a socket?");
    await widget.waitForMessage("A team member has been asked to join");
    await widget.panel.locator(".banner.waiting").waitFor();
    await page.waitForTimeout(1000);
    const stored = await expectShownAsStored(widget, stage.server);
    expect(stored.slice(0, 3)).toEqual([faq.question, faq.answer, "Can you hear me without a socket?"]);
    await expect(widget.panel.getAttribute("data-transport")).resolves.toBe("polling");
    await context.close();
  });
});
