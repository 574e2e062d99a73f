import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Message, SessionInitResponse } from "../../src/protocol";
import { serious } from "./support/axe";
import { pageHtml, showPage, WidgetView } from "./support/browser";
import { useStage } from "./support/stage";

const snippet = (locale = "en"): string => `<script src="/widget.js" data-site="demo" data-locale="${locale}" async></script>`;

/** A long, unbroken name, as an agent may be called (up to 120 characters). */
const LONG_NAME = "Maximilian-Alexander-Wolfeschlegelsteinhausenbergerdorff-von-Hohenzollern";

/** Session init answers as if an agent called `senderName` had replied `content`, unread. */
async function fakeUnread(page: Page, senderName: string, content: string): Promise<void> {
  await page.route(/\/api\/widget\/demo\/session$/, async (route) => {
    const response = await route.fetch();
    const session = (await response.json()) as SessionInitResponse;
    const latest: Message = {
      id: "fake-reply",
      seq: 99,
      conversation_id: session.session_id,
      sender_id: "agent_fake",
      sender_type: "agent",
      sender_name: senderName,
      content,
      timestamp: new Date().toISOString(),
    };
    await route.fulfill({ response, json: { ...session, unread: { count: 2, latest } } });
  });
}

/** Whether the widget, not the page, is what a click at (x, y) reaches. */
const widgetAt = (page: Page, x: number, y: number): Promise<boolean> =>
  page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.localName === "parley-widget", [x, y]);

describe("the widget at the edges: single-page apps, the page's top layer, odd names (SPEC §9)", () => {
  const stage = useStage();

  async function newPage(viewport = { width: 1024, height: 700 }): Promise<Page> {
    const context = await stage.browser.newContext({ viewport, reducedMotion: "reduce" });
    return context.newPage();
  }

  it("stays on the page when a single-page app replaces or empties the body", async () => {
    const page = await newPage();
    const replacements = {
      "Turbo replaces the body": "const b = document.createElement('body'); b.innerHTML = '<h1>Next page</h1>'; document.body.replaceWith(b);",
      "a new body is assigned": "const b = document.createElement('body'); b.innerHTML = '<h1>Next page</h1>'; document.body = b;",
      "an app mounts over the body's content": "document.body.innerHTML = '<div id=app><h1>App</h1></div>';",
    };
    for (const [kind, script] of Object.entries(replacements)) {
      await showPage(page, stage.server, pageHtml(snippet()));
      const widget = new WidgetView(page);
      await widget.bubble.waitFor();
      await page.evaluate(script);
      expect({ kind, shown: await widget.bubble.isVisible() }).toEqual({ kind, shown: true });
      const bubble = (await widget.bubble.boundingBox())!;
      expect({ kind, onTop: await widgetAt(page, bubble.x + 30, bubble.y + 30) }).toEqual({ kind, onTop: true });
      await widget.open();
    }
    await page.context().close();
  });

  it("opens the chat above what the page put in its top layer after the widget", async () => {
    const page = await newPage();
    const banner = `<div id="banner" popover="manual" style="position:fixed;inset:auto 0 0 auto;width:420px;height:260px;margin:0">Cookie banner</div>`;
    await showPage(page, stage.server, pageHtml(snippet(), `<h1>Shop</h1>${banner}<button id="help" onclick="Parley.openChat()">Chat with us</button>`));
    const widget = new WidgetView(page);
    await widget.bubble.waitFor();
    await page.evaluate(() => document.getElementById("banner")!.showPopover());
    await page.click("#help");
    await widget.panel.waitFor();
    const panel = (await widget.panel.boundingBox())!;
    // The composer, at the panel's foot, where the banner lies.
    expect(await widgetAt(page, panel.x + panel.width / 2, panel.y + panel.height - 40)).toBe(true);
    await widget.input.click();
    await page.context().close();
  });

  it("keeps a long unbroken sender name inside the preview card, in English and in Arabic on a phone", async () => {
    for (const locale of ["en", "ar"]) {
      const page = await newPage({ width: 360, height: 640 });
      await fakeUnread(page, LONG_NAME, "Your parcel left the warehouse this morning.");
      await showPage(page, stage.server, pageHtml(snippet(locale)));
      const name = page.locator("parley-widget .preview-name");
      await name.waitFor();
      const fits = await name.evaluate((element) => {
        const card = element.closest(".preview")!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(element);
        const text = range.getBoundingClientRect();
        return { overflows: element.scrollWidth > element.clientWidth, inCard: text.left >= card.left && text.right <= card.right, inView: card.left >= 0 && card.right <= innerWidth };
      });
      expect({ locale, ...fits }).toEqual({ locale, overflows: false, inCard: true, inView: true });
      await page.context().close();
    }
  });

  it("has no serious or critical axe-core finding while the unread badge and preview show", async () => {
    for (const locale of ["en", "ar"]) {
      const page = await newPage();
      await fakeUnread(page, "Sam Support", "We have sent a new label.");
      await showPage(page, stage.server, pageHtml(snippet(locale)));
      await page.locator("parley-widget .preview").waitFor();
      await page.locator("parley-widget .badge").waitFor();
      expect(await serious(page), locale).toEqual([]);
      await page.context().close();
    }
  });

  it("dismisses the preview with Escape, and in every tab of the site at once", async () => {
    const context = await stage.browser.newContext({ viewport: { width: 1024, height: 700 }, reducedMotion: "reduce" });
    const [first, second] = [await context.newPage(), await context.newPage()];
    for (const page of [first, second]) {
      await fakeUnread(page, "Sam Support", "We have sent a new label.");
      await showPage(page, stage.server, pageHtml(snippet(), '<a href="#top">Last link of the page</a>'));
      await page.locator("parley-widget .preview").waitFor();
    }
    // From the page's last link, Tab reaches the preview first; Escape there dismisses it.
    await first.focus("a");
    await first.keyboard.press("Tab");
    await first.keyboard.press("Escape");
    await first.locator("parley-widget .preview").waitFor({ state: "hidden" });
    expect(await first.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className)).toBe("launcher");
    await second.locator("parley-widget .preview").waitFor({ state: "hidden" });
    // The badge stays until the replies are read.
    expect(await second.locator("parley-widget .badge").textContent()).toBe("2");
    await context.close();
  });

  it("draws an avatar from a name that starts with an emoji whole, and keeps a name's direction override out of the sentence", async () => {
    const page = await newPage({ width: 360, height: 640 });
    await page.route(/\/api\/widget\/demo\/session$/, async (route) => {
      const response = await route.fetch();
      const session = (await response.json()) as SessionInitResponse;
      await route.fulfill({ response, json: { ...session, site: { ...session.site, name: "🦊 Fox Outfitters" } } });
    });
    // An agent's name that ends in a right-to-left override, joining in the `hello` the widget gets.
    await page.routeWebSocket(/\/ws\/chat\//, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        // The keep-alive's answer is bare text.
        if (!String(message).startsWith("{")) return socket.send(message);
        const frame = JSON.parse(String(message)) as { type: string; messages?: Message[]; session?: { id: string } };
        if (frame.type === "hello" && frame.messages) {
          const last = frame.messages.at(-1)?.seq ?? 0;
          frame.messages.push({
            id: "fake-joined",
            seq: last + 1,
            conversation_id: frame.session!.id,
            sender_id: null,
            sender_type: "system",
            sender_name: "System",
            content: "joined",
            metadata: { event: "agent_joined", agent_name: "Eve \u202Eevil" },
            timestamp: new Date().toISOString(),
          } as unknown as Message);
        }
        socket.send(JSON.stringify(frame));
      });
    });
    await showPage(page, stage.server, pageHtml(snippet()));
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline();
    expect(await widget.panel.locator(".avatar").textContent()).toBe("🦊");
    const joined = widget.panel.locator("li.sys .text", { hasText: "evil" });
    await joined.waitFor();
    // " joined the conversation" reads left to right after the name, its characters in order.
    const order = await joined.evaluate((element) => {
      const text = element.firstChild as Text;
      const at = (needle: string) => {
        const range = document.createRange();
        const index = text.data.indexOf(needle);
        range.setStart(text, index);
        range.setEnd(text, index + needle.length);
        return range.getBoundingClientRect().left;
      };
      return { joinedBeforeConversation: at("joined") < at("conversation") };
    });
    expect(order).toEqual({ joinedBeforeConversation: true });
    await page.context().close();
  });
});
