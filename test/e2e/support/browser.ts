import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import type { HistoryResponse, Message, SessionInitResponse } from "../../../src/protocol";
import { apiJson } from "./api";
import type { DevServer } from "./dev-server";
import { PageTrouble } from "./page-trouble";
import { initSession } from "./ws-client";

/** Debian's Chromium; `npx playwright install` cannot download here. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** The one-line snippet of the demo site, loading widget.js from the dev server. */
export const SNIPPET = '<script src="/widget.js" data-site="demo" async></script>';

/**
 * Shows `html` as a page of the dev server's origin (an allowed origin of the demo site). The page
 * is a real response first (`/health`), then rewritten: a response fulfilled by `page.route` has
 * no address, and Chromium's local network checks then refuse its WebSockets to 127.0.0.1.
 */
export async function showPage(page: Page, server: DevServer, html: string): Promise<void> {
  await page.goto(`${server.origin}/health`);
  await page.setContent(html);
}

export const pageHtml = (head: string, body = "<h1>A host page</h1>"): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>${head}</head><body>${body}</body></html>`;

/**
 * Opens the dev server's shop page (`/`, the demo site's snippet) and waits for its load event,
 * reloading once when its document is never answered (`PageTrouble.load`).
 */
function openShopPage(page: Page, server: DevServer): Promise<void> {
  return new PageTrouble(page, server).load(`${server.origin}/`, "the shop page did not load");
}

/** The widget as the visitor sees it; Playwright's CSS selectors pierce the open shadow root. */
export class WidgetView {
  constructor(readonly page: Page) {}

  get bubble(): Locator {
    return this.page.locator("parley-widget .launcher");
  }

  get panel(): Locator {
    return this.page.locator("parley-widget section.panel");
  }

  /** The composer; the away form and the rating prompt have text fields too. */
  get input(): Locator {
    return this.panel.locator("#parley-input");
  }

  /** Messages the server confirmed (each carries its seq). */
  get messages(): Locator {
    return this.panel.locator("li[data-seq]");
  }

  get pending(): Locator {
    return this.panel.locator("li[data-pending]");
  }

  faq(question: string): Locator {
    return this.panel.locator(".faq-item", { hasText: question });
  }

  /** The shop page of the dev server once its widget has loaded, still closed. */
  static async loadShop(page: Page, server: DevServer): Promise<WidgetView> {
    await openShopPage(page, server);
    const widget = new WidgetView(page);
    await widget.bubble.waitFor();
    return widget;
  }

  /** The shop page of the dev server with its widget opened and connected. */
  static async openShop(page: Page, server: DevServer, transport: "websocket" | "polling" = "websocket"): Promise<WidgetView> {
    await openShopPage(page, server);
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline(transport);
    return widget;
  }

  async open(): Promise<void> {
    await this.bubble.click();
    await this.panel.waitFor({ state: "visible" });
  }

  async waitOnline(transport: "websocket" | "polling" = "websocket", timeout = 20_000): Promise<void> {
    await this.page.locator(`parley-widget section.panel[data-connection="online"][data-transport="${transport}"]`).waitFor({ timeout });
  }

  async send(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press("Enter");
  }

  /** Confirmed message texts in order, as shown (system messages by their shown text). */
  async texts(): Promise<string[]> {
    return this.messages.locator(".text").allTextContents();
  }

  /** Confirmed messages as shown, in order: each one's seq and text. */
  async shown(): Promise<ShownMessage[]> {
    return this.messages.evaluateAll((items) =>
      items.map((item) => ({ seq: Number(item.getAttribute("data-seq")), text: item.querySelector(".text")?.textContent ?? "" })),
    );
  }

  /** The client message id of the message showing `text` as "sending…". */
  async pendingId(text: string): Promise<string> {
    const id = await this.pending.filter({ hasText: text }).getAttribute("data-pending");
    if (!id) throw new Error(`"${text}" shows as pending without a client message id`);
    return id;
  }

  /** How often `text` is shown as a confirmed or pending message. */
  async count(text: string): Promise<number> {
    return this.panel.locator("li[data-seq] .text, li[data-pending] .text").evaluateAll(
      (items, wanted) => items.filter((item) => item.textContent === wanted).length,
      text,
    );
  }

  /** Waits until `text` shows as a message the server confirmed. */
  async waitForMessage(text: string, timeout = 20_000): Promise<void> {
    await this.panel.locator("li[data-seq] .text", { hasText: text }).first().waitFor({ timeout });
  }
}

/** The session the page's widget uses: the same browser id gets the same session and a token. */
export async function sessionOf(page: Page, server: DevServer): Promise<SessionInitResponse> {
  const browserId = await page.evaluate(() => JSON.parse(localStorage.getItem("parley:demo:browser") ?? "null") as string | null);
  if (!browserId) throw new Error("the widget stored no browser session id");
  return initSession(server, browserId);
}

/** What the server stored, oldest first, over the public REST API. */
export async function storedMessages(server: DevServer, session: SessionInitResponse): Promise<Message[]> {
  const page = await apiJson<HistoryResponse>(server, `/api/chat/${session.session_id}/history?limit=200`, { token: session.visitor_token });
  return page.messages;
}

export interface ShownMessage {
  seq: number;
  text: string;
}

/**
 * Waits until the widget shows exactly what the server stored, in order, each message once, with
 * nothing left "sending…"; returns what was stored. The history is read first, and the
 * conversation answers it after everything that reached it before, so a message stored twice is
 * in it and a message shown twice never matches. System messages are compared by seq only, since
 * the widget words them itself.
 */
export async function expectShowsStored(widget: WidgetView, server: DevServer): Promise<Message[]> {
  const stored = await storedMessages(server, await sessionOf(widget.page, server));
  const expected = stored.map((m) => ({ seq: m.seq, text: m.sender_type === "system" ? expect.any(String) : m.content }));
  await expect.poll(() => widget.shown()).toEqual(expected);
  expect(await widget.pending.count()).toBe(0);
  return stored;
}

/** The snippet's queue stub, plus a recorder of every widget event into `window.parleyEvents`. */
export const RECORD_EVENTS = `
  window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };
  window.parleyEvents = [];
  for (const name of ["ready", "open", "close", "message", "escalation", "connection"]) {
    Parley("on", name, (data) => window.parleyEvents.push({ name, data }));
  }`;

export interface RecordedEvent {
  name: string;
  data: unknown;
}

export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(RECORD_EVENTS);
}

export function recordedEvents(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => (window as unknown as { parleyEvents: RecordedEvent[] }).parleyEvents);
}

/** Records every WebSocket the page opens and every widget chunk it fetches ("panel", "away"…), from now on. */
export function recordTraffic(page: Page): { sockets: string[]; chunks: string[] } {
  const traffic = { sockets: [] as string[], chunks: [] as string[] };
  page.on("websocket", (ws) => traffic.sockets.push(ws.url()));
  page.on("request", (request) => {
    const chunk = /\/widget\/([a-z-]+)-[\w-]+\.js$/.exec(request.url())?.[1];
    if (chunk) traffic.chunks.push(chunk);
  });
  return traffic;
}
