import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pageHtml, showPage, SNIPPET, WidgetView } from "./support/browser";
import { useStage } from "./support/stage";

/** A long page, scrolled far down when the widget is checked, under each hostile style. */
const LONG_BODY = `<main style="height: 6000px"><h1>A host page</h1><input aria-label="Search"></main>`;

/**
 * Pages whose CSS moves or hides fixed elements: an ancestor that becomes the containing block of
 * fixed elements (transform, filter, perspective, contain, will-change), or stacks above them.
 */
const HOSTILE_PAGES: Record<string, string> = {
  "a transformed body": "body { transform: translateZ(0); }",
  "a filtered body": "body { filter: saturate(1.1); }",
  "a body with perspective": "body { perspective: 800px; }",
  "a body that contains paint": "body { contain: paint; }",
  "a root that will change transform": "html { will-change: transform; } body { margin: 0; }",
  "a full-screen overlay with the highest z-index": `.overlay { position: fixed; inset: 0; z-index: 2147483647; background: rgb(0 0 0 / 0.02); }`,
};

const OVERLAY = '<div class="overlay"></div>';

/** Whether the widget itself, not the page, is what a click at the centre of `box` reaches. */
function widgetIsOnTop(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<boolean> {
  return page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName === "parley-widget", { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

describe("the widget on pages that move or cover fixed elements (SPEC §9)", () => {
  const stage = useStage();

  for (const viewport of [
    { width: 1024, height: 700 },
    { width: 360, height: 640 },
  ]) {
    it(`keeps the bubble and the panel in the viewport's corner, on top, at ${viewport.width} px`, async () => {
      const context = await stage.browser.newContext({ viewport, reducedMotion: "reduce" });
      const page = await context.newPage();
      for (const [kind, css] of Object.entries(HOSTILE_PAGES)) {
        await showPage(page, stage.server, pageHtml(`<style>${css}</style>${SNIPPET}`, LONG_BODY + OVERLAY));
        await page.evaluate(() => scrollTo(0, 2500));
        const widget = new WidgetView(page);
        await widget.bubble.waitFor();

        const bubble = (await widget.bubble.boundingBox())!;
        expect({ kind, right: Math.round(viewport.width - bubble.x - bubble.width), bottom: Math.round(viewport.height - bubble.y - bubble.height) }).toEqual({
          kind,
          right: 20,
          bottom: 20,
        });
        expect(await widgetIsOnTop(page, bubble), kind).toBe(true);

        await widget.open();
        const panel = (await widget.panel.boundingBox())!;
        const inside = panel.x >= 0 && panel.y >= 0 && panel.x + panel.width <= viewport.width && panel.y + panel.height <= viewport.height;
        expect({ kind, inside, onTop: await widgetIsOnTop(page, panel) }).toEqual({ kind, inside: true, onTop: true });
      }
      await context.close();
    });
  }
});
