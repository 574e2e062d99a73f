import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import type { BusinessHours, ConversationDetail, ConversationListResponse } from "../../src/protocol";
import { loginCookie } from "./support/agent-client";
import { apiJson } from "./support/api";
import { serious } from "./support/axe";
import { pageHtml, sessionOf, showPage, WidgetView } from "./support/browser";
import { calendarDaysIn, hoursOpeningIn, updateDemoSite, wallClockIn, weekdayIn } from "./support/site-settings";
import type { DevServer } from "./support/dev-server";
import { useStage } from "./support/stage";

/** Where the screenshots of the away form go, to look at; they are not committed. */
const SHOTS_DIR = "/tmp/shots";
const SITE_ZONE = "Europe/Berlin";
const VISITOR_ZONE = "Asia/Tokyo";
/** Days until the site opens again, in its own zone: never today or tomorrow, wherever the visitor is. */
const OPENS_IN_DAYS = 3;
const AWAY_MESSAGE = "We are closed for the holidays. Leave us a note and we will answer when we are back.";
const SAM = DEMO.agents[1];
/** Zones around the clock, from UTC−10 to UTC+14. */
const CANDIDATE_ZONES = ["Pacific/Honolulu", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Pacific/Kiritimati"];

/** The chat's own composer; the away form has a textarea too. */
const composerOf = (widget: WidgetView) => widget.panel.locator("#parley-input");

/** The form as the visitor sees it inside the open panel. */
const formOf = (widget: WidgetView) => ({
  form: widget.panel.locator("form.away-form"),
  email: widget.panel.getByLabel("Your email"),
  text: widget.panel.getByLabel("Your message"),
  send: widget.panel.getByRole("button", { name: "Send message" }),
  problem: widget.panel.locator(".away-problem"),
  sent: widget.panel.locator(".away-sent"),
});

/** The id of the element focused inside the widget's shadow root. */
const focusedId = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => document.querySelector("parley-widget")?.shadowRoot?.activeElement?.id);

/** "4:00 PM" and the like, with every kind of space as a plain one (ICU versions differ on U+202F). */
const spaced = (text: string | null): string => (text ?? "").replace(/\s/g, " ");

/** "4:00 PM": a time as the widget writes it in English, in `timeZone`. */
const timeIn = (timeZone: string, iso: string): string => new Date(iso).toLocaleTimeString("en", { timeZone, hour: "numeric", minute: "2-digit" });

/** What the header must say, worked out here, in the visitor's zone: "Back Friday at 4:00 PM". */
function backLabel(nextOpenAt: string): string {
  const at = Date.parse(nextOpenAt);
  const time = timeIn(VISITOR_ZONE, nextOpenAt);
  const days = calendarDaysIn(VISITOR_ZONE, Date.now(), at);
  if (days === 0) return `Back at ${time}`;
  if (days === 1) return `Back tomorrow at ${time}`;
  return `Back ${new Date(at).toLocaleDateString("en", { timeZone: VISITOR_ZONE, weekday: "long" })} at ${time}`;
}

/** The demo site closed until 09:00 Berlin time three days on, leaving the away form and message. */
const closeDemoSite = (server: DevServer) =>
  updateDemoSite(server, { business_hours: hoursOpeningIn(OPENS_IN_DAYS, SITE_ZONE), when_away: "form", away_message: AWAY_MESSAGE });

async function visitorPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; colorScheme?: "light" | "dark"; timezoneId?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ timezoneId: VISITOR_ZONE, locale: "en-US", reducedMotion: "reduce", ...options });
  return context.newPage();
}

describe("the away form (SPEC §12)", () => {
  const stage = useStage();

  it("keeps the normal chat for a visitor already waiting for the team when the site closes", async () => {
    const page = await visitorPage(stage.browser);
    const widget = await WidgetView.openShop(page, stage.server);
    await widget.panel.getByRole("button", { name: "Talk to a human" }).click();
    await widget.panel.locator(".banner.waiting").waitFor();

    await closeDemoSite(stage.server);
    await page.reload();
    await widget.open();
    await widget.waitOnline();
    await widget.panel.locator(".banner.waiting").waitFor();
    expect(await composerOf(widget).isVisible()).toBe(true);
    expect(await formOf(widget).form.count()).toBe(0);
    expect(spaced(await widget.panel.locator(".subtitle").textContent())).toMatch(/^Back /);
    await page.context().close();
  });

  it("says when the team is back in the visitor's time, shows the away message and takes a message into the inbox", async () => {
    await closeDemoSite(stage.server);
    const page = await visitorPage(stage.browser);
    const widget = await WidgetView.openShop(page, stage.server);
    const session = await sessionOf(page, stage.server);
    expect(session.availability.available).toBe(false);
    const nextOpenAt = session.availability.next_open_at!;
    // The server's answer, checked against the hours as set: 09:00 in Berlin, three days on.
    expect(wallClockIn(SITE_ZONE, Date.parse(nextOpenAt))).toEqual({ weekday: (weekdayIn(SITE_ZONE) + OPENS_IN_DAYS) % 7, time: "09:00" });
    await expect.poll(async () => spaced(await widget.panel.locator(".subtitle").textContent())).toBe(spaced(backLabel(nextOpenAt)));
    expect(await widget.panel.locator(".dot").getAttribute("data-status")).toBe("away");

    // The FAQ still answers at once; every way to a human is the form, the composer too.
    const form = formOf(widget);
    expect(await widget.panel.locator(".away .bubble .text").textContent()).toBe(AWAY_MESSAGE);
    expect(await widget.faq(DEMO.faqs[0].question).isVisible()).toBe(true);
    expect(await widget.panel.getByRole("button", { name: "Talk to a human" }).count()).toBe(0);
    expect(await composerOf(widget).count()).toBe(0);
    expect(await focusedId(page)).toBe("parley-away-email");

    const content = "My parcel never arrived. Order 4711, can you check?";
    await form.email.fill("not-an-email");
    await form.text.fill(content);
    await form.send.click();
    expect(await form.problem.textContent()).toBe("Enter an email address like name@example.com.");
    expect(await form.email.getAttribute("aria-invalid")).toBe("true");
    expect(await form.email.getAttribute("aria-describedby")).toBe("parley-away-email-problem");
    expect(await focusedId(page)).toBe("parley-away-email");
    expect(await form.text.inputValue()).toBe(content);

    // An address the browser's rules pass and the server's do not: refused there, shown the same way.
    await form.email.fill("visitor@example.c");
    await form.send.click();
    await form.problem.waitFor();
    expect(await form.problem.textContent()).toBe("Enter an email address like name@example.com.");
    expect(await form.text.inputValue()).toBe(content);

    await form.email.fill("visitor@example.com");
    await form.send.click();
    await form.sent.waitFor();
    expect(await form.sent.textContent()).toBe("Thanks! We got your message and will reply to visitor@example.com.");
    expect(await form.sent.getAttribute("role")).toBe("status");
    expect(await focusedId(page)).toBe("parley-away-sent");
    await widget.waitForMessage(content);
    // Now waiting for the team: the chat is back, honest about when.
    await composerOf(widget).waitFor();
    expect(await widget.panel.locator(".banner.waiting").textContent()).toContain("Nobody is online right now");

    const cookie = await loginCookie(stage.server, SAM.email, DEMO.password);
    const inQueue = async () => {
      const { conversations } = await apiJson<ConversationListResponse>(stage.server, "/api/conversations?filter=waiting", { cookie });
      return conversations.some((conversation) => conversation.id === session.session_id);
    };
    await expect.poll(inQueue, { timeout: 15_000 }).toBe(true);
    const detail = await apiJson<ConversationDetail>(stage.server, `/api/conversations/${session.session_id}`, { cookie });
    expect(detail.conversation.status).toBe("waiting");
    expect(detail.visitor?.contact_email).toBe("visitor@example.com");
    const history = await apiJson<{ messages: { content: string; sender_type: string }[] }>(stage.server, `/api/chat/${session.session_id}/history`, {
      token: session.visitor_token,
    });
    expect(history.messages.filter((m) => m.sender_type === "user").map((m) => m.content)).toEqual([content]);
    await page.context().close();
  });

  it("words the header by the visitor's own calendar: later today, tomorrow, or no opening known", async () => {
    // A zone where opening two hours from now is still today: the day "today" means is the visitor's.
    const zone = CANDIDATE_ZONES.find((candidate) => Number(wallClockIn(candidate, Date.now()).time.slice(0, 2)) < 20)!;
    const hour = Number(wallClockIn(zone, Date.now()).time.slice(0, 2));
    const pad = (n: number) => String(n).padStart(2, "0");
    const today = weekdayIn(zone);
    const cases: Array<[BusinessHours, (nextOpenAt: string | undefined) => string]> = [
      [{ timezone: zone, days: [{ day: today, open: `${pad(hour + 2)}:00`, close: `${pad(hour + 3)}:00` }] }, (at) => `Back at ${timeIn(zone, at!)}`],
      [{ timezone: zone, days: [{ day: (today + 1) % 7, open: "09:00", close: "17:00" }] }, () => "Back tomorrow at 9:00 AM"],
      [{ timezone: zone, days: [] }, () => "Away right now"],
    ];
    for (const [hours, expected] of cases) {
      await updateDemoSite(stage.server, { business_hours: hours, when_away: "form" });
      const page = await visitorPage(stage.browser, { timezoneId: zone });
      const widget = await WidgetView.openShop(page, stage.server);
      const { availability } = await sessionOf(page, stage.server);
      expect(spaced(await widget.panel.locator(".subtitle").textContent())).toBe(spaced(expected(availability.next_open_at)));
      await page.context().close();
    }
  });

  it("works by keyboard alone in Arabic, right to left, with no serious axe-core finding", async () => {
    await closeDemoSite(stage.server);
    const page = await visitorPage(stage.browser);
    await showPage(page, stage.server, pageHtml('<script src="/widget.js" data-site="demo" data-locale="ar" async></script>'));
    const widget = new WidgetView(page);
    await widget.bubble.focus();
    await page.keyboard.press("Enter");
    await widget.panel.locator("form.away-form").waitFor();
    await widget.waitOnline();
    expect(await widget.panel.locator(".subtitle").textContent()).toMatch(/^نعود يوم /);
    expect(await focusedId(page)).toBe("parley-away-email");

    await page.keyboard.press("Enter");
    expect(await widget.panel.locator(".away-problem").textContent()).toBe("أدخل عنوان بريد إلكتروني صحيحًا، مثل name@example.com");
    expect(await serious(page)).toEqual([]);
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: `${SHOTS_DIR}/away-form-ar-problem.png` });

    await page.keyboard.type("layla@example.com");
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("parley-away-text");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await widget.panel.locator(".away-problem").textContent()).toBe("اكتب رسالة أولًا.");
    expect(await focusedId(page)).toBe("parley-away-text");
    await page.keyboard.type("مرحبا، أين طلبي؟");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const sent = widget.panel.locator(".away-sent");
    await sent.waitFor();
    expect(await sent.textContent()).toBe("شكرًا! وصلتنا رسالتك وسنرد عليك على layla@example.com.");
    expect(await sent.locator("bdi").textContent()).toBe("layla@example.com");
    expect(await serious(page)).toEqual([]);
    await page.context().close();
  });

  it("fits phones and desktops, light and dark, with no serious axe-core finding", async () => {
    await closeDemoSite(stage.server);
    mkdirSync(SHOTS_DIR, { recursive: true });
    for (const width of [360, 1024]) {
      for (const colorScheme of ["light", "dark"] as const) {
        const page = await visitorPage(stage.browser, { viewport: { width, height: width === 360 ? 740 : 768 }, colorScheme });
        await showPage(page, stage.server, pageHtml('<script src="/widget.js" data-site="demo" data-theme="auto" async></script>'));
        const widget = new WidgetView(page);
        await widget.open();
        const form = formOf(widget);
        await form.form.waitFor();
        await page.screenshot({ path: `${SHOTS_DIR}/away-form-${width}-${colorScheme}.png` });
        await form.send.click();
        await form.problem.waitFor();
        const panel = (await widget.panel.boundingBox())!;
        const box = (await form.form.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(panel.x);
        expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
        expect(await widget.panel.locator(".scroller").evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(true);
        expect(await serious(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS_DIR}/away-form-${width}-${colorScheme}-problem.png` });
        await page.context().close();
      }
    }
  });
});
