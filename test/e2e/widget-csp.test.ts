import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useStage } from "./support/stage";
import { pageHtml, showPage, SNIPPET, WidgetView } from "./support/browser";

/**
 * Records every CSP violation in `window.violations`. It runs before the policy's `<meta>`, which
 * governs only what follows it, so this one inline script is allowed.
 */
const RECORD_VIOLATIONS = `<script>
  window.violations = [];
  document.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective + " " + (e.blockedURI || e.sample)));
</script>`;

/**
 * The strict policy of issue 9: no 'unsafe-inline', and the widget's origin not listed for styles.
 * It lists the widget's origin as http only, so Chromium refuses its WebSocket and the widget chats
 * over HTTP polling; only style violations are the widget's to avoid.
 */
const strictPolicy = (widgetOrigin: string): string =>
  `<meta http-equiv="Content-Security-Policy" content="script-src 'self' ${widgetOrigin}; style-src 'self'; connect-src ${widgetOrigin}">`;

/** What the visitor sees of the widget, as computed styles and boxes: equal means it looks the same. */
async function lookOf(widget: WidgetView): Promise<Record<string, unknown>> {
  const style = (selector: string, properties: string[]) =>
    widget.page.locator(`parley-widget ${selector}`).first().evaluate((element, names) => {
      const computed = getComputedStyle(element);
      return Object.fromEntries(names.map((name) => [name, computed.getPropertyValue(name)]));
    }, properties);
  const look: Record<string, unknown> = {
    bubble: await widget.bubble.boundingBox(),
    bubbleStyle: await style(".launcher", ["position", "background-color", "border-radius", "box-shadow", "cursor"]),
    icon: await style(".launcher svg.c", ["width", "height", "opacity"]),
  };
  if (await widget.panel.isVisible()) {
    look.panel = await widget.panel.boundingBox();
    look.panelStyle = await style(".panel", ["background-color", "border-radius", "box-shadow", "font-family", "font-size"]);
    look.header = await style(".head", ["background-color", "color", "display"]);
    look.composer = await style(".field", ["border-top-left-radius", "display"]);
  }
  return look;
}

describe("the widget under a strict Content-Security-Policy", () => {
  const stage = useStage();

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await stage.browser.newContext({ viewport, reducedMotion: "reduce" });
    return context.newPage();
  }

  /** The same look, closed and open, with and without the policy, and not one violation under it. */
  async function lookWithAndWithout(viewport: { width: number; height: number }): Promise<void> {
    const looks: Array<Record<string, unknown>> = [];
    for (const head of ["", RECORD_VIOLATIONS + strictPolicy(stage.server.origin)]) {
      const page = await newPage(viewport);
      await showPage(page, stage.server, pageHtml(head + SNIPPET, '<h1>A host page</h1><input aria-label="Search">'));
      const widget = new WidgetView(page);
      await widget.bubble.waitFor();
      const closed = await lookOf(widget);
      await widget.open();
      await page.locator('parley-widget section.panel[data-connection="online"]').waitFor({ timeout: 30_000 });
      looks.push({ closed, open: await lookOf(widget) });
      if (head) {
        const styleViolations = () =>
          page.evaluate(() => (window as unknown as { violations: string[] }).violations.filter((v) => v.startsWith("style-src")));
        expect(await styleViolations()).toEqual([]);
        // The policy was in force: an inline style of the page's own is refused.
        await page.evaluate(() => document.body.setAttribute("style", "color: red"));
        await expect.poll(styleViolations).toEqual(["style-src-attr inline"]);
      }
      await page.context().close();
    }
    expect(looks[1]).toEqual(looks[0]);
  }

  it("looks the same on a wide screen: bubble in its corner, panel beside the page, no violation", async () => {
    await lookWithAndWithout({ width: 1440, height: 900 });
  });

  it("looks the same on a 360 px phone: the open panel fills the screen, no violation", async () => {
    await lookWithAndWithout({ width: 360, height: 740 });
  });
});
