import { readFileSync } from "node:fs";
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pageHtml, WidgetView } from "./support/browser";
import type { DevServer } from "./support/dev-server";
import { useStage } from "./support/stage";

/** Notes the page's `load` event in `window.loaded`; the first script of every page here. */
const RECORD_LOAD = `<script>window.loaded = false; addEventListener("load", () => { window.loaded = true; });</script>`;

/** An image the test holds back, so the page's `load` waits for the test to let it through. */
const HELD_IMAGE = '<img src="/held.png" alt="" width="1" height="1">';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

/** A request held until `release()`; `seen` resolves when the browser has asked for it. */
interface Held {
  seen: Promise<void>;
  release(): void;
}

async function hold(page: Page, pattern: RegExp, answer: (route: Route) => Promise<void>): Promise<Held> {
  let seen!: () => void;
  let release!: () => void;
  const seenPromise = new Promise<void>((resolve) => (seen = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    seen();
    await released;
    await answer(route);
  });
  return { seen: seenPromise, release };
}

/** The page as a real response of the dev server's origin, not waiting for its `load`. */
async function showUnloaded(page: Page, server: DevServer, html: string): Promise<void> {
  await page.goto(`${server.origin}/health`);
  await page.setContent(html, { waitUntil: "commit" });
}

const loaded = (page: Page): Promise<boolean> => page.evaluate(() => (window as unknown as { loaded: boolean }).loaded);

/** The README's optional after-load snippet, as a newcomer would paste it. */
function readmeAfterLoadSnippet(server: DevServer): string {
  const readme = readFileSync("README.md", "utf8");
  const snippet = /<!-- after-load snippet[^>]*-->\s*```html\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!snippet) throw new Error("README.md has no after-load snippet");
  return snippet.replace("https://YOUR-WORKER", server.origin).replace("SITE_KEY", "demo");
}

describe("the widget and the page's load event", () => {
  const stage = useStage();

  it("starts nothing that holds the page's load: neither session init nor the panel chunk", async () => {
    const page = await stage.browser.newPage();
    const image = await hold(page, /\/held\.png$/, (route) => route.fulfill({ contentType: "image/png", body: PNG }));
    const panel = await hold(page, /\/widget\/panel-[\w-]+\.js$/, (route) => route.continue());
    await showUnloaded(page, stage.server, pageHtml(`${RECORD_LOAD}<script src="/widget.js" data-site="demo" data-auto-open async></script>`, HELD_IMAGE));

    // widget.js has run, its session init is answered and the panel's import is under way ...
    await panel.seen;
    // ... and once the page's own image is in, the page has loaded while the panel is still held.
    image.release();
    await page.waitForFunction(() => (window as unknown as { loaded: boolean }).loaded);
    panel.release();
    await new WidgetView(page).panel.waitFor({ state: "visible" });
    await page.close();
  });

  it("offers a README snippet that adds widget.js after load, with calls made before it queued", async () => {
    const page = await stage.browser.newPage();
    const image = await hold(page, /\/held\.png$/, (route) => route.fulfill({ contentType: "image/png", body: PNG }));
    let loadedWhenAsked: boolean | null = null;
    await page.route(/\/widget\.js$/, async (route) => {
      loadedWhenAsked = await loaded(page);
      await route.continue();
    });
    const head = `${RECORD_LOAD}${readmeAfterLoadSnippet(stage.server)}<script>Parley("open");</script>`;
    await showUnloaded(page, stage.server, pageHtml(head, HELD_IMAGE));

    await expect.poll(() => page.evaluate(() => typeof (window as unknown as { Parley?: unknown }).Parley)).toBe("function");
    image.release();
    await new WidgetView(page).panel.waitFor({ state: "visible" });
    expect(loadedWhenAsked).toBe(true);
    await page.close();
  });
});
