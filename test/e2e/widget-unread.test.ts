import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import { takeOver } from "./support/agent-client";
import { recordTraffic, WidgetView } from "./support/browser";
import { useStage } from "./support/stage";

const SAM = DEMO.agents[1];

/** The bubble's unread signs as the visitor sees them: the badge, the label, the preview card. */
async function unreadShown(page: Page): Promise<{ badge: string; label: string | null; preview: string | null }> {
  const widget = new WidgetView(page);
  const card = page.locator("parley-widget .preview");
  const badge = page.locator("parley-widget .badge");
  return {
    badge: (await badge.count()) && (await badge.isVisible()) ? ((await badge.textContent()) ?? "") : "",
    label: await widget.bubble.getAttribute("aria-label"),
    preview: (await card.count()) && (await card.isVisible()) ? await card.locator(".preview-open").innerText() : null,
  };
}

describe("unread replies on the bubble, on every page view and in every tab (SPEC §9)", () => {
  const stage = useStage();

  it("shows the count and the latest reply after a reload, in a new tab and in a tab that never opened the chat", async () => {
    const context = await stage.browser.newContext();
    const first = await context.newPage();
    const widget = await WidgetView.openShop(first, stage.server);
    await widget.send("Has my parcel left the warehouse?");
    await widget.waitForMessage("Has my parcel left the warehouse?");
    const { agent, customer } = await takeOver(stage.server, first);
    await widget.waitForMessage(`${SAM.name} joined the conversation`);
    await widget.panel.getByRole("button", { name: "Close chat" }).click();

    // A second tab that never opens the chat: no panel, no socket of its own.
    const quiet = await context.newPage();
    const quietTraffic = recordTraffic(quiet);
    await WidgetView.loadShop(quiet, stage.server);

    agent.send({ type: "send_message", ...customer, message: "Let me check." });
    agent.send({ type: "send_message", ...customer, message: "Thanks! A label is on its way to you, the parcel leaves today." });
    const twoUnread = { badge: "2", label: "Open chat (2 unread)", preview: `${SAM.name}\nThanks! A label is on its way to you, the parcel leaves today.` };
    await expect.poll(() => unreadShown(first)).toEqual(twoUnread);
    // The tab without a panel learns it from the tab with the socket.
    await expect.poll(() => unreadShown(quiet)).toEqual(twoUnread);
    expect(quietTraffic.sockets).toEqual([]);
    expect(quietTraffic.chunks).not.toContain("panel");

    // A reload and a new tab know it from session init alone: no socket, no panel.
    const fresh = await context.newPage();
    const freshTraffic = recordTraffic(fresh);
    await WidgetView.loadShop(fresh, stage.server);
    await expect.poll(() => unreadShown(fresh)).toEqual(twoUnread);
    await quiet.reload();
    await expect.poll(() => unreadShown(quiet)).toEqual(twoUnread);
    expect([...freshTraffic.sockets, ...quietTraffic.sockets]).toEqual([]);
    expect([...freshTraffic.chunks, ...quietTraffic.chunks]).not.toContain("panel");

    // Reading in one tab clears every tab: the open ones at once, the others at their next page view.
    await new WidgetView(first).open();
    const none = { badge: "", label: "Close chat", preview: null };
    await expect.poll(() => unreadShown(first)).toEqual(none);
    await expect.poll(() => unreadShown(quiet)).toEqual({ ...none, label: "Open chat" });
    await fresh.reload();
    await new WidgetView(fresh).bubble.waitFor();
    expect(await unreadShown(fresh)).toEqual({ ...none, label: "Open chat" });
    agent.end();
    await context.close();
  });

  it("lets the visitor dismiss the preview until a newer reply, and open the chat from it", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    await widget.send("Do you ship to Norway?");
    await widget.waitForMessage("Do you ship to Norway?");
    const { agent, customer } = await takeOver(stage.server, page);
    await widget.panel.getByRole("button", { name: "Close chat" }).click();
    agent.send({ type: "send_message", ...customer, message: "We do, in 3 to 5 days." });

    const card = page.locator("parley-widget .preview");
    await card.waitFor();
    await card.getByRole("button", { name: "Dismiss" }).click();
    await card.waitFor({ state: "hidden" });
    // Focus does not fall to the page: it goes to the bubble.
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className)).toBe("launcher");
    await page.reload();
    await expect.poll(() => unreadShown(page)).toMatchObject({ badge: "1", preview: null });

    // No tab holds a socket now, so the newer reply shows at the next page view.
    agent.send({ type: "send_message", ...customer, message: "And free above 50 euros." });
    const twoUnread = { badge: "2", label: "Open chat (2 unread)", preview: `${SAM.name}\nAnd free above 50 euros.` };
    await expect
      .poll(async () => {
        await page.reload();
        await new WidgetView(page).bubble.waitFor();
        return unreadShown(page);
      })
      .toEqual(twoUnread);

    await card.locator(".preview-open").click();
    await widget.panel.waitFor({ state: "visible" });
    await widget.waitForMessage("And free above 50 euros.");
    await expect.poll(() => unreadShown(page)).toEqual({ badge: "", label: "Close chat", preview: null });
    agent.end();
    await context.close();
  });
});
