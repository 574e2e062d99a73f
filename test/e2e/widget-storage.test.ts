import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Message } from "../../src/protocol";
import type { DevServer } from "./support/dev-server";
import { useStage } from "./support/stage";
import { recordedEvents, recordEvents, sessionOf, storedMessages, WidgetView } from "./support/browser";

/**
 * What Prototype.js 1.6 does to a page: JSON of its own through `toJSON` on built-in prototypes,
 * each returning text, so the native `JSON.stringify` writes an array as a string of JSON.
 */
const PROTOTYPE_PATCHES = `
  Array.prototype.toJSON = function () {
    return "[" + Array.prototype.map.call(this, (value) => JSON.stringify(value)).join(", ") + "]";
  };
  String.prototype.toJSON = function () { return '"' + this + '"'; };
  Date.prototype.toJSON = function () { return '"' + this.getUTCFullYear() + "-" + (this.getUTCMonth() + 1) + '"'; };`;

const timesStored = (stored: Message[], text: string): number => stored.filter((m) => m.content === text).length;

/** Where the widget keeps the outbox of the page's conversation. */
async function outboxKey(page: Page, server: DevServer): Promise<string> {
  return `parley:demo:outbox:${(await sessionOf(page, server)).session_id}`;
}

const readRaw = (page: Page, key: string): Promise<string | null> => page.evaluate((k) => localStorage.getItem(k), key);
const writeRaw = (page: Page, key: string, text: string): Promise<void> =>
  page.evaluate((entry) => localStorage.setItem(entry.key, entry.text), { key, text });

/** A browser that refuses this site localStorage (Firefox with site data off, some privacy tools). */
const BLOCK_LOCAL_STORAGE = `Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });`;
/** ... and cookies too: reads give nothing, writes are dropped. */
const BLOCK_COOKIES = `Object.defineProperty(Document.prototype, "cookie", { get() { return ""; }, set() {} });`;

/** The session the widget started on this page view, from its `ready` event. */
async function readySession(page: Page): Promise<string> {
  await new WidgetView(page).bubble.waitFor();
  const ready = (await recordedEvents(page)).find((event) => event.name === "ready");
  return (ready?.data as { session_id: string }).session_id;
}

describe("the widget's storage on pages that patch built-ins or block storage", () => {
  const stage = useStage();

  it("keeps a message written offline on a Prototype.js page across a reload, then sends it once", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(PROTOTYPE_PATCHES);
    let down = true;
    await page.routeWebSocket(/\/ws\//, (ws) => (down ? ws.close() : ws.connectToServer()));
    await page.route(/\/api\/chat\//, (route) => (down ? route.abort("internetdisconnected") : route.continue()));
    await page.goto(`${stage.server.origin}/`);
    const widget = new WidgetView(page);
    await widget.open();
    await widget.send("Written offline on a Prototype page");
    await widget.pending.filter({ hasText: "Written offline on a Prototype page" }).filter({ hasText: "Sending…" }).waitFor();
    const id = await widget.pendingId("Written offline on a Prototype page");

    // Stored as a list of plain items, not as a string of JSON.
    const key = await outboxKey(page, stage.server);
    const stored = await page.evaluate((k) => {
      const value: unknown = JSON.parse(localStorage.getItem(k) ?? "null");
      return Array.isArray(value) ? `list of ${value.length}: ${(value[0] as { content: string }).content}` : typeof value;
    }, key);
    expect(stored).toBe("list of 1: Written offline on a Prototype page");

    // Still there after a reload (the line still down), then sent once the line is back.
    await page.reload();
    await widget.open();
    await widget.pending.filter({ hasText: "Written offline on a Prototype page" }).filter({ hasText: "Sending…" }).waitFor();
    expect(await widget.pendingId("Written offline on a Prototype page")).toBe(id);
    down = false;
    await widget.waitForMessage("Written offline on a Prototype page", 60_000);
    await expect.poll(() => widget.pending.count()).toBe(0);
    const messages = await storedMessages(stage.server, await sessionOf(page, stage.server));
    expect(messages.filter((m) => m.client_msg_id === id).map((m) => m.content)).toEqual(["Written offline on a Prototype page"]);
    expect(timesStored(messages, "Written offline on a Prototype page")).toBe(1);
    await expect.poll(() => readRaw(page, key)).toBe("[]");
    await context.close();
  });

  it("never drops an outbox entry that does not read back: it is sent, or shown as not sent with Retry", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.loadShop(page, stage.server);
    const key = await outboxKey(page, stage.server);

    // What an older widget stored on a Prototype page (a string of JSON), holding an entry that is
    // not an item. The item is sent after the reload; the entry is shown as not sent.
    const item = { client_msg_id: "w-stored-as-string", content: "Stored as a string of JSON", created_at: Date.now() };
    await writeRaw(page, key, JSON.stringify(JSON.stringify([item, "A line stored bare"])));
    await page.reload();
    await widget.open();
    await widget.waitForMessage("Stored as a string of JSON");
    const bare = widget.pending.filter({ hasText: "A line stored bare" });
    await bare.filter({ hasText: "Not sent" }).waitFor();
    await bare.getByRole("button", { name: "Retry" }).click();
    await widget.waitForMessage("A line stored bare");
    await expect.poll(() => widget.pending.count()).toBe(0);
    const session = await sessionOf(page, stage.server);
    const messages = await storedMessages(stage.server, session);
    expect(["Stored as a string of JSON", "A line stored bare"].map((text) => timesStored(messages, text))).toEqual([1, 1]);
    expect(messages.find((m) => m.content === "Stored as a string of JSON")?.client_msg_id).toBe("w-stored-as-string");

    // Text that is no JSON at all is shown as it was stored, not sent, until the visitor decides.
    await writeRaw(page, key, '[{"client_msg_id":"w-cut-off","content":"Cut off mid-wr');
    await page.reload();
    await widget.open();
    const cut = widget.pending.filter({ hasText: "Cut off mid-wr" });
    await cut.filter({ hasText: "Not sent" }).waitFor();
    await expect(cut.getByRole("button", { name: "Retry" }).count()).resolves.toBe(1);
    await cut.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => widget.pending.count()).toBe(0);
    await expect.poll(() => readRaw(page, key)).toBe("[]");
    await context.close();
  });
  it("keeps the visitor's conversation across page views in a first-party cookie, and in memory when that is blocked too", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(BLOCK_LOCAL_STORAGE);
    await recordEvents(page);
    await page.goto(`${stage.server.origin}/`);
    const first = await readySession(page);
    await page.reload();
    expect(await readySession(page)).toBe(first);
    const cookie = (await context.cookies()).find((c) => c.name === "parley_browser");
    expect(cookie).toMatchObject({ path: "/", sameSite: "Lax" });
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(300 * 24 * 3600 * 1000);

    // Nothing kept at all: every page view is a new visitor, and the widget still works.
    const bare = await (await stage.browser.newContext()).newPage();
    await bare.addInitScript(BLOCK_LOCAL_STORAGE + BLOCK_COOKIES);
    await recordEvents(bare);
    await bare.goto(`${stage.server.origin}/`);
    const once = await readySession(bare);
    await bare.reload();
    expect(await readySession(bare)).not.toBe(once);
    const widget = new WidgetView(bare);
    await widget.open();
    await widget.send("Still here without storage");
    await widget.waitForMessage("Still here without storage");
    await bare.context().close();
    await context.close();
  });
});
