import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import type { SessionInitResponse } from "../../src/protocol";
import { AgentClient } from "./support/agent-client";
import { pageHtml, RECORD_EVENTS, recordedEvents, recordTraffic, showPage, WidgetView } from "./support/browser";
import { createSite } from "./support/site-settings";
import { useStage } from "./support/stage";

const SAM = DEMO.agents[1];
const QUICK = "We reply in a few minutes";
const LATER = "We'll reply as soon as we can";

/**
 * Records every state of the header's subtitle and dot ("online|We reply…") from the moment the
 * widget's element exists, before the panel is drawn, so a test can say what it never showed.
 */
async function recordHeader(page: Page): Promise<() => Promise<string[]>> {
  await page.locator("parley-widget").waitFor({ state: "attached" });
  await page.evaluate(() => {
    const root = document.querySelector("parley-widget")!.shadowRoot!;
    const seen: string[] = ((window as unknown as { seenHeader: string[] }).seenHeader = []);
    const note = (): void => {
      const subtitle = root.querySelector(".subtitle");
      if (subtitle) seen.push(`${root.querySelector<HTMLElement>(".dot")?.dataset.status}|${subtitle.textContent}`);
    };
    new MutationObserver(note).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  return () => page.evaluate(() => (window as unknown as { seenHeader: string[] }).seenHeader);
}

/** The header as shown now: the subtitle's words and the dot's state. */
async function header(widget: WidgetView): Promise<{ text: string | null; dot: string | null }> {
  return { text: await widget.panel.locator(".subtitle").textContent(), dot: await widget.panel.locator(".dot").getAttribute("data-status") };
}

describe("availability in the widget (SPEC §12)", () => {
  const stage = useStage();

  it("with nobody online, never says 'Online' or promises a quick reply, in the header or the waiting banner", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stage.server.origin}/`);
    const seen = await recordHeader(page);
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline();
    await expect.poll(() => header(widget)).toEqual({ text: LATER, dot: "away" });

    await widget.panel.getByRole("button", { name: "Talk to a human" }).click();
    await widget.panel.locator(".banner.waiting").waitFor();
    expect(await widget.panel.locator(".banner.waiting").textContent()).toBe(
      "We have let the team know. Nobody is online right now, so it may take a while; the reply will appear here.",
    );
    await expect.poll(() => header(widget)).toEqual({ text: "Waiting for a team member", dot: "away" });

    const states = await seen();
    expect(states.length).toBeGreaterThan(0);
    expect(states.filter((state) => /^online\||\|Online$|We reply in a few minutes/.test(state))).toEqual([]);
    await context.close();
  });

  it("hides itself while away with when_away 'hide': no bubble, no event, no chunk, no socket", async () => {
    const site = await createSite(stage.server, { name: "Closed shop", business_hours: { timezone: "UTC", days: [] }, when_away: "hide" });
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const traffic = recordTraffic(page);
    const init = page.waitForResponse((response) => response.url().endsWith(`/api/widget/${site.site_key}/session`));
    // The embedder's queued calls, an open among them: each must come to nothing.
    await showPage(
      page,
      stage.server,
      pageHtml(`<script>${RECORD_EVENTS}; Parley("open");</script><script src="/widget.js" data-site="${site.site_key}" async></script>`),
    );
    const session = (await (await init).json()) as SessionInitResponse;
    expect(session.availability).toEqual({ available: false, agents_online: false, hidden: true });

    // A second widget, of a site that is available, drawn after the first had its answer: by the
    // time its bubble shows, the hidden one has long done whatever it was going to do.
    type Control = { on(event: "ready", handler: () => void): void };
    await page.evaluate(
      () =>
        new Promise<void>((ready) => {
          const control = new (window as unknown as { ParleyWidget: new (options: object) => Control }).ParleyWidget({ siteKey: "demo" });
          control.on("ready", () => ready());
        }),
    );
    expect(await page.locator("parley-widget").count()).toBe(1);
    expect(await recordedEvents(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { Parley: { isConnected: boolean } }).Parley.isConnected)).toBe(false);
    expect(traffic).toEqual({ sockets: [], chunks: [] });
    await context.close();
  });

  it("with an agent's dashboard open, a new page view says 'We reply in a few minutes' with a green dot", async () => {
    const agent = await AgentClient.login(stage.server, SAM.email, DEMO.password);
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    await expect.poll(() => header(widget)).toEqual({ text: QUICK, dot: "online" });

    await widget.panel.getByRole("button", { name: "Talk to a human" }).click();
    await widget.panel.locator(".banner.waiting").waitFor();
    expect(await widget.panel.locator(".banner.waiting").textContent()).toBe("We have asked a team member to join. You will get a reply right here.");
    await expect.poll(() => header(widget)).toEqual({ text: "Waiting for a team member", dot: "online" });
    agent.end();
    await context.close();
  });
});
