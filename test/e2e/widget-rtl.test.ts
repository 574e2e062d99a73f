import { mkdirSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { serious } from "./support/axe";
import { pageHtml, showPage, WidgetView } from "./support/browser";
import { putText } from "./support/composer-text";
import { useStage } from "./support/stage";

/** Where the screenshots of the mirrored widget go, to look at; they are not committed. */
const SHOTS_DIR = "/tmp/shots";

const ARABIC_SNIPPET = '<script src="/widget.js" data-site="demo" data-locale="ar" async></script>';
const ENGLISH_SNIPPET = '<script src="/widget.js" data-site="demo" data-locale="en" async></script>';

/** Long enough to wrap in a message bubble: "Hello, I ordered a jacket last week and have not received it yet. Can you help me?" */
const LONG_ARABIC = "مرحبا، طلبت سترة الأسبوع الماضي ولم تصلني حتى الآن. هل يمكنكم مساعدتي؟";

/** A host page written right to left in Arabic, its own direction set on `<html>`. */
const rtlPageHtml = (head: string): string =>
  `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صفحة</title>${head}</head><body><h1>متجر نورثويند</h1><p>مرحبا بكم في متجرنا.</p></body></html>`;

/** The element the widget draws in, inside its shadow root: its language and direction. */
async function rootLanguage(page: Page): Promise<{ lang: string | null; dir: string | null }> {
  const root = page.locator("parley-widget .parley");
  return { lang: await root.getAttribute("lang"), dir: await root.getAttribute("dir") };
}

/** The screen x of the first and of the last character of `element`'s text, as laid out. */
function charEdges(element: Locator): Promise<{ first: number; last: number }> {
  return element.evaluate((node) => {
    const text = node.firstChild as Text;
    const xOf = (index: number) => {
      const range = document.createRange();
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      const box = range.getBoundingClientRect();
      return box.left + box.width / 2;
    };
    return { first: xOf(0), last: xOf(text.length - 1) };
  });
}

/**
 * How far each line of `element`'s text stays from the element's left and right edge, in px, the
 * largest of its lines: 0 on the left for text aligned left, 0 on the right for text aligned right.
 */
function lineInsets(element: Locator): Promise<{ left: number; right: number }> {
  return element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = node.getBoundingClientRect();
    // A line can come in several pieces (a space at a wrap is one of its own): join them by line.
    const lines = new Map<number, { left: number; right: number }>();
    for (const piece of Array.from(range.getClientRects())) {
      const line = lines.get(Math.round(piece.top)) ?? { left: piece.left, right: piece.right };
      lines.set(Math.round(piece.top), { left: Math.min(line.left, piece.left), right: Math.max(line.right, piece.right) });
    }
    const each = [...lines.values()];
    return { left: Math.max(...each.map((line) => line.left - box.left)), right: Math.max(...each.map((line) => box.right - line.right)) };
  });
}

/** "ltr" or "rtl", as the browser resolved the element's direction. */
const directionOf = (element: Locator): Promise<string> => element.evaluate((node) => getComputedStyle(node).direction);

/** A message bubble's bottom-left and bottom-right radius: the small one is its pointed corner. */
const bottomCorners = (bubble: Locator): Promise<string[]> =>
  bubble.evaluate((node) => [getComputedStyle(node).borderBottomLeftRadius, getComputedStyle(node).borderBottomRightRadius]);

/** The computed `transform` of the icon in `button`: "none", or a matrix when mirrored. */
const iconTransform = (button: Locator): Promise<string> => button.locator("svg").evaluate((svg) => getComputedStyle(svg).transform);

const MIRRORED = "matrix(-1, 0, 0, 1, 0, 0)";

describe("the widget right to left (SPEC §9)", () => {
  const stage = useStage();

  /** A fresh browser profile; no motion, so geometry is final as soon as it shows. */
  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await stage.browser.newContext({ viewport, reducedMotion: "reduce" });
    return context.newPage();
  }

  async function shoot(page: Page, name: string): Promise<void> {
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: `${SHOTS_DIR}/${name}.png` });
  }

  it("in Arabic on a left-to-right page: mirrored, Arabic strings, each message in its own direction", async () => {
    const page = await newPage({ width: 1024, height: 768 });
    await showPage(page, stage.server, pageHtml(ARABIC_SNIPPET));
    const widget = new WidgetView(page);
    await widget.bubble.waitFor();
    expect(await rootLanguage(page)).toEqual({ lang: "ar", dir: "rtl" });
    expect(await widget.bubble.getAttribute("aria-label")).toBe("فتح المحادثة");
    // The site's position "right" is the end side, which is the left in Arabic.
    expect((await widget.bubble.boundingBox())!.x).toBe(20);

    await widget.open();
    await widget.waitOnline();
    expect((await widget.panel.boundingBox())!.x).toBe(20);
    expect(await widget.input.getAttribute("placeholder")).toBe("اكتب رسالة…");
    expect(await widget.input.getAttribute("dir")).toBe("auto");
    // Empty, the composer reads from the right, as its placeholder does; English typed in it reads from the left.
    expect(await directionOf(widget.input)).toBe("rtl");
    await widget.input.fill("Hello");
    expect(await directionOf(widget.input)).toBe("ltr");
    await widget.input.fill("");
    expect(await widget.panel.locator(".faq-title").textContent()).toBe("أسئلة شائعة");
    // "We will reply as soon as we can": nobody is on the dashboard (SPEC §12).
    expect(await widget.panel.locator(".subtitle").textContent()).toBe("سنرد عليك في أقرب وقت ممكن");
    expect(await widget.panel.getAttribute("aria-label")).toBe("محادثة مع Northwind Outfitters");
    expect(await widget.panel.getByRole("button", { name: "إغلاق المحادثة" }).count()).toBe(1);
    expect(await widget.panel.getByRole("button", { name: "التحدث إلى شخص حقيقي" }).count()).toBe(1);
    // The header reads from the right: the avatar at the right edge, the close button at the left.
    const panelBox = (await widget.panel.boundingBox())!;
    const avatar = (await widget.panel.locator(".avatar").boundingBox())!;
    const closeButton = (await widget.panel.getByRole("button", { name: "إغلاق المحادثة" }).boundingBox())!;
    expect(avatar.x).toBeGreaterThan(closeButton.x);
    expect(panelBox.x + panelBox.width - (avatar.x + avatar.width)).toBeLessThan(30);

    // Three left: a count of the "few" category, in the digits the browser writes Arabic numbers in.
    await putText(widget.input, "ب".repeat(997));
    const three = await page.evaluate(() => (3).toLocaleString("ar"));
    await expect.poll(() => widget.panel.locator("#parley-count").textContent()).toBe(`يتبقى ${three} أحرف`);
    await putText(widget.input, "ب".repeat(998));
    await expect.poll(() => widget.panel.locator("#parley-count").textContent()).toBe("يتبقى حرفان");
    await putText(widget.input, "");

    await widget.send("مرحبا؟");
    await widget.waitForMessage("مرحبا؟");
    const text = widget.messages.filter({ hasText: "مرحبا؟" }).locator(".text");
    expect(await text.getAttribute("dir")).toBe("auto");
    expect(await directionOf(text)).toBe("rtl");
    // Right to left: the first letter at the right, the question mark at the left end.
    const edges = await charEdges(text);
    expect(edges.last).toBeLessThan(edges.first);
    // The visitor's own message sits at the end side: the left of the panel.
    const mine = (await widget.messages.filter({ hasText: "مرحبا؟" }).locator(".bubble").boundingBox())!;
    expect(mine.x - panelBox.x).toBeLessThan(30);

    // An English bot answer in the Arabic panel still reads left to right, its lines aligned left.
    await widget.faq("How long does shipping take?").click();
    const answer = widget.messages.filter({ hasText: "Orders leave our warehouse" }).locator(".text");
    await answer.waitFor();
    expect(await directionOf(answer)).toBe("ltr");
    expect(await answer.evaluate((element) => element.getBoundingClientRect().height > 40)).toBe(true);
    expect((await lineInsets(answer)).left).toBeLessThan(1);
    // Each bubble's pointed corner is at the bottom of the side it sits on, as the panel reads.
    expect(await bottomCorners(widget.messages.filter({ hasText: "Orders leave our warehouse" }).locator(".bubble"))).toEqual(["18px", "6px"]);
    expect(await bottomCorners(widget.messages.filter({ hasText: "مرحبا؟" }).locator(".bubble"))).toEqual(["6px", "18px"]);

    expect(await iconTransform(widget.panel.locator(".send"))).toBe(MIRRORED);
    expect(await iconTransform(widget.faq("Where is my order?"))).toBe(MIRRORED);
    await shoot(page, "ar-ltr-page-1024");
    await page.context().close();
  });

  it("in Arabic on a 360 px phone: the open panel fills the screen, mirrored", async () => {
    const page = await newPage({ width: 360, height: 740 });
    await showPage(page, stage.server, pageHtml(ARABIC_SNIPPET));
    const widget = new WidgetView(page);
    await widget.bubble.waitFor();
    expect((await widget.bubble.boundingBox())!.x).toBe(20);
    await widget.open();
    await widget.waitOnline();
    expect(await widget.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    await widget.send("مرحبا؟ أين طلبي رقم 1234؟");
    await widget.waitForMessage("أين طلبي");
    await shoot(page, "ar-ltr-page-360");
    await page.context().close();
  });

  it("in Arabic puts the site's position \"left\", the start side, at the right", async () => {
    const page = await newPage({ width: 1024, height: 768 });
    await showPage(page, stage.server, pageHtml('<script src="/widget.js" data-site="demo" data-locale="ar" data-position="left" async></script>'));
    const widget = new WidgetView(page);
    await widget.bubble.waitFor();
    expect((await widget.bubble.boundingBox())!.x).toBe(1024 - 20 - 60);
    await widget.open();
    expect((await widget.panel.boundingBox())!.x).toBe(1024 - 20 - 380);
    // On a phone the open panel covers the screen whichever side the site chose.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await widget.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    await page.context().close();
  });

  it("in English on a right-to-left page: its own language and direction, not the page's", async () => {
    const page = await newPage({ width: 1024, height: 768 });
    await showPage(page, stage.server, rtlPageHtml(ENGLISH_SNIPPET));
    const widget = new WidgetView(page);
    await widget.bubble.waitFor();
    expect(await rootLanguage(page)).toEqual({ lang: "en", dir: "ltr" });
    expect(await widget.bubble.getAttribute("aria-label")).toBe("Open chat");
    expect((await widget.bubble.boundingBox())!.x).toBe(1024 - 20 - 60);

    await widget.open();
    await widget.waitOnline();
    expect((await widget.panel.boundingBox())!.x).toBe(1024 - 20 - 380);
    expect(await widget.input.getAttribute("dir")).toBe("auto");
    expect(await directionOf(widget.input)).toBe("ltr");
    await widget.input.fill("مرحبا");
    expect(await directionOf(widget.input)).toBe("rtl");
    await widget.input.fill("");
    const title = widget.panel.locator(".faq-title");
    expect(await directionOf(title)).toBe("ltr");
    const inset = await lineInsets(title);
    expect(inset.left).toBeLessThan(inset.right);
    expect(await iconTransform(widget.panel.locator(".send"))).toBe("none");

    // An Arabic message in the English panel still reads right to left, its lines aligned right.
    await widget.send("مرحبا؟");
    await widget.waitForMessage("مرحبا؟");
    const text = widget.messages.filter({ hasText: "مرحبا؟" }).locator(".text");
    expect(await directionOf(text)).toBe("rtl");
    const edges = await charEdges(text);
    expect(edges.last).toBeLessThan(edges.first);
    await widget.send(LONG_ARABIC);
    await widget.waitForMessage(LONG_ARABIC);
    const long = widget.messages.filter({ hasText: LONG_ARABIC }).locator(".text");
    expect(await long.evaluate((element) => element.getBoundingClientRect().height > 40)).toBe(true);
    expect((await lineInsets(long)).right).toBeLessThan(1);
    await shoot(page, "en-rtl-page-1024");
    await page.context().close();
  });

  it("has no serious or critical axe-core finding in the Arabic panel", async () => {
    const page = await newPage({ width: 1024, height: 768 });
    await showPage(page, stage.server, pageHtml(ARABIC_SNIPPET));
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline();
    expect(await rootLanguage(page)).toEqual({ lang: "ar", dir: "rtl" });
    await widget.send("مرحبا؟");
    await widget.waitForMessage("مرحبا؟");
    expect(await serious(page)).toEqual([]);
    await page.context().close();
  });
});
