import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import { useStage } from "./support/stage";
import { pageHtml, showPage, sessionOf, SNIPPET, storedMessages, WidgetView } from "./support/browser";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const hmacHex = async (secret: string, text: string): Promise<string> => {
  const { createHmac } = await import("node:crypto");
  return createHmac("sha256", secret).update(text).digest("hex");
};

describe("the widget embedded in a page", () => {
  const stage = useStage();


  /** A fresh browser profile; no motion, so geometry is final as soon as it shows. */
  async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await stage.browser.newContext({ viewport, reducedMotion: "reduce" });
    return context.newPage();
  }

  it("works on a page whose CSS is hostile (* { all: unset }, div { display: none !important })", async () => {
    const page = await newPage();
    const hostile = "<style>* { all: unset !important } div { display: none !important } button { display: none !important }</style>";
    await showPage(page, stage.server, pageHtml(hostile + SNIPPET, "<div><p>Everything here is hidden.</p></div>"));
    const widget = new WidgetView(page);

    const bubble = await widget.bubble.boundingBox();
    expect(bubble).toMatchObject({ width: 60, height: 60, x: 1280 - 20 - 60, y: 800 - 20 - 60 });
    await widget.open();
    const panel = await widget.panel.boundingBox();
    expect(panel!.width).toBe(380);
    expect(panel!.height).toBeGreaterThan(500);
    await expect(widget.faq(DEMO.faqs[0].question).isVisible()).resolves.toBe(true);
    await widget.waitOnline();

    await widget.send("Hello from a hostile page");
    await widget.waitForMessage("Hello from a hostile page");
    const stored = await storedMessages(stage.server, await sessionOf(page, stage.server));
    expect(stored.filter((m) => m.content === "Hello from a hostile page")).toHaveLength(1);
    await page.context().close();
  });

  it("keeps calls made before widget.js loads and carries them out (open, on, identify, sendMessage)", async () => {
    const page = await newPage();
    const userHash = await hmacHex(DEMO.identitySecret, "queued-user-7");
    const head = `<script>
      window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };
      window.seen = [];
      Parley("on", "ready", () => seen.push("ready"));
      Parley("on", "open", () => seen.push("open"));
      Parley("identify", { user_id: "queued-user-7", user_hash: "${userHash}", name: "Quinn Queue" });
      Parley("open");
      Parley("sendMessage", "Sent before the script loaded");
    </script>${SNIPPET}`;
    await showPage(page, stage.server, pageHtml(head));
    const widget = new WidgetView(page);

    await widget.panel.waitFor({ state: "visible" });
    await widget.waitForMessage("Sent before the script loaded");
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(["ready", "open"]);
    const api = await page.evaluate(() => {
      const parley = (window as unknown as { Parley: { openChat?: unknown; isConnected?: unknown } }).Parley;
      return { callable: typeof parley === "function", openChat: typeof parley.openChat, isConnected: parley.isConnected };
    });
    expect(api).toEqual({ callable: true, openChat: "function", isConnected: true });

    const session = await sessionOf(page, stage.server);
    expect(session.user).toEqual({ id: "queued-user-7", name: "Quinn Queue", email: null });
    expect((await storedMessages(stage.server, session)).filter((m) => m.content === "Sent before the script loaded")).toHaveLength(1);
    // Identified, the visitor can list their conversations from the header.
    await widget.panel.getByRole("button", { name: "Your conversations" }).click();
    await widget.panel.locator(".conversation", { hasText: "Current conversation" }).waitFor();
    await page.context().close();
  });

  it("shows a message that looks like HTML as text: no element, no script", async () => {
    const page = await newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${stage.server.origin}/`);
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline();

    const hostile = "<img src=x onerror=alert(1)>";
    await widget.send(hostile);
    await widget.waitForMessage(hostile);
    await page.waitForTimeout(500);
    expect(await widget.count(hostile)).toBe(1);
    expect(await widget.panel.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    const stored = await storedMessages(stage.server, await sessionOf(page, stage.server));
    expect(stored.find((m) => m.sender_type === "user")?.content).toBe(hostile);
    await page.context().close();
  });

  it("fills a 390×844 phone screen when open, and closes from its header", async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${stage.server.origin}/`);
    const widget = new WidgetView(page);
    await widget.open();
    expect(await widget.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect(await widget.bubble.isVisible()).toBe(false);

    await widget.panel.getByRole("button", { name: "Close chat" }).click();
    expect(await widget.panel.isVisible()).toBe(false);
    expect(await widget.bubble.isVisible()).toBe(true);
    await page.context().close();
  });

  it("is usable with the keyboard alone on a phone: open, type, send, stay inside, close back to the bubble", async () => {
    // The panel covers the page here, so it is modal and keeps focus inside.
    const page = await newPage({ width: 390, height: 844 });
    await showPage(page, stage.server, pageHtml(SNIPPET, '<a href="#top">Skip to content</a>'));
    const widget = new WidgetView(page);
    await widget.bubble.waitFor();
    const focused = (): Promise<string> =>
      page.evaluate(() => {
        const inner = document.querySelector("parley-widget")?.shadowRoot?.activeElement;
        return inner ? `${inner.tagName.toLowerCase()}.${inner.className}` : (document.activeElement?.tagName.toLowerCase() ?? "");
      });

    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("button.launcher");
    await page.keyboard.press("Enter");
    await widget.panel.waitFor({ state: "visible" });
    await widget.waitOnline();
    expect(await focused()).toBe("textarea.");
    await page.keyboard.type("Typed without a mouse, let me talk to a person");
    await page.keyboard.press("Enter");
    await widget.waitForMessage("Typed without a mouse, let me talk to a person");
    // Asked for in words, a human is called and the "Talk to a human" button goes away.
    // Waited for, so that no Tab below lands on it just before it goes (focus falling to the page
    // is the next test's case).
    await widget.panel.locator(".banner.waiting").waitFor();

    for (let i = 0; i < 14; i++) {
      await page.keyboard.press(i % 3 === 0 ? "Shift+Tab" : "Tab");
      expect(await widget.panel.evaluate((panel) => panel.contains(panel.getRootNode() instanceof ShadowRoot ? (panel.getRootNode() as ShadowRoot).activeElement : null))).toBe(true);
    }
    await page.keyboard.press("Escape");
    expect(await widget.panel.isVisible()).toBe(false);
    expect(await focused()).toBe("button.launcher");
    await page.context().close();
  });

  it("brings Tab back into the open panel on a phone when focus was left on the page", async () => {
    const page = await newPage({ width: 390, height: 844 });
    await showPage(page, stage.server, pageHtml(SNIPPET));
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline();
    // A control after the widget, focused by the page itself (or left there when a focused
    // control inside the panel disappeared): the next Tab must land in the panel again.
    await page.evaluate(() => {
      const link = Object.assign(document.createElement("a"), { href: "#after", textContent: "After the widget" });
      document.body.append(link);
      link.focus();
    });
    await page.keyboard.press("Tab");
    const inside = await widget.panel.evaluate((panel) => panel.contains((panel.getRootNode() as ShadowRoot).activeElement));
    expect(inside).toBe(true);
    await page.context().close();
  });

  it("is a normal dialog beside the page on a wide screen: Tab stays in the page and can leave the panel", async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await showPage(page, stage.server, pageHtml(SNIPPET, '<input id="first" aria-label="First"><input id="second" aria-label="Second">'));
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline();
    const focusedInPage = (): Promise<string> => page.evaluate(() => document.activeElement?.id || (document.activeElement?.tagName.toLowerCase() ?? ""));
    const inWidget = (): Promise<boolean> => page.evaluate(() => document.activeElement?.tagName === "PARLEY-WIDGET");
    expect(await widget.panel.getAttribute("aria-modal")).toBeNull();

    // Working in the page while the chat stays open: Tab goes to the page's next field.
    await page.locator("#first").focus();
    await page.keyboard.press("Tab");
    expect(await focusedInPage()).toBe("second");

    // From the composer, Tab walks through the panel and the bubble, then out of the widget.
    await widget.input.focus();
    const presses = await widget.panel.evaluate((panel) => panel.querySelectorAll("a[href], button, textarea").length + 2);
    let left = false;
    for (let i = 0; i < presses && !left; i++) {
      await page.keyboard.press("Tab");
      left = !(await inWidget());
    }
    expect(left).toBe(true);

    // Escape closes it and gives focus back to the bubble, as before.
    await widget.input.focus();
    await page.keyboard.press("Escape");
    expect(await widget.panel.isVisible()).toBe(false);
    expect(await widget.bubble.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button)).toBe(true);

    // Narrowed to a phone, the open panel covers the page and becomes modal.
    await widget.open();
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => widget.panel.getAttribute("aria-modal")).toBe("true");
    await page.context().close();
  });

  it("keeps the page still behind the full-screen panel on a phone, and gives back its scroll and styles on close", async () => {
    const context = await stage.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, reducedMotion: "reduce" });
    const page = await context.newPage();
    await showPage(page, stage.server, pageHtml(SNIPPET, '<main style="height: 5000px">A long page</main>'));
    // Inline styles of the page's own, which the widget must put back exactly as they were.
    await page.evaluate(() => {
      document.documentElement.style.setProperty("overflow-x", "clip");
      document.body.style.setProperty("overflow", "visible", "important");
      window.scrollTo(0, 1200);
    });
    const ownStyles = () => page.evaluate(() => [document.documentElement.getAttribute("style"), document.body.getAttribute("style")]);
    const scrollY = () => page.evaluate(() => window.scrollY);
    const before = await ownStyles();
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline();

    // A finger dragged up the screen, as raw touch events (Chromium's synthetic gestures do not scroll).
    const cdp = await context.newCDPSession(page);
    const swipe = async (fromY: number, toY: number): Promise<void> => {
      const step = fromY < toY ? 20 : -20;
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: 120, y: fromY }] });
      for (let y = fromY + step; step > 0 ? y <= toY : y >= toY; y += step) {
        await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: 120, y }] });
      }
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    };

    // Wheel and swipes on the panel's header and composer, which have nothing of their own to
    // scroll: on the panel that covers the page, none may reach the page behind it.
    await page.mouse.move(120, 30);
    await page.mouse.wheel(0, -600);
    await swipe(30, 600);
    await swipe(710, 200);
    // Two rendered frames after the last input: any scroll it caused has been applied by then.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await scrollY()).toBe(1200);

    await widget.panel.getByRole("button", { name: "Close chat" }).click();
    // The panel gives the page back as it closes, which may be a frame after the click resolves.
    await expect.poll(ownStyles).toEqual(before);
    expect(await scrollY()).toBe(1200);
    await swipe(600, 100);
    await expect.poll(scrollY).toBeGreaterThan(1200);
    await context.close();
  });

  it("has no serious or critical axe-core issue, closed and open, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await stage.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const page = await context.newPage();
      const widget = await WidgetView.loadShop(page, stage.server);
      await page.addScriptTag({ content: AXE_SOURCE });
      const audit = () =>
        page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
          const result = await axe.run({ include: [["parley-widget"]] }, { resultTypes: ["violations"] });
          return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
        });
      expect(await audit(), `closed, ${colorScheme}`).toEqual([]);
      await widget.open();
      await widget.waitOnline();
      await widget.faq(DEMO.faqs[1].question).click();
      await widget.panel.locator('li[data-sender="bot"]').waitFor();
      expect(await audit(), `open, ${colorScheme}`).toEqual([]);
      await context.close();
    }
  });
});
