import { describe, expect, it } from "vitest";
import { SESSIONS_PAGE, SESSIONS_PAGE_MAX, type Customer } from "../../src/protocol";
import { DashboardApp, SAM, waitUntil } from "./support/dashboard-app";
import { fakeCustomer, FakeLobby } from "./support/fake-lobby";
import { useStage } from "./support/stage";

const OPEN_CUSTOMERS = 5_000;
const MINUTE_MS = 60_000;
const T0 = Date.parse("2026-11-30T08:00:00Z");

/** Open customers, newest activity first (as the lobby lists them), one per minute apart. */
function customer(i: number): Customer {
  // The bot's conversations may have unread messages: they need no agent (SPEC §9's title count).
  return fakeCustomer(i, new Date(T0 - i * MINUTE_MS).toISOString(), { unread_count: 1 });
}

describe("the dashboard at scale", () => {
  const stage = useStage();

  it("pages in 5,000 open conversations, renders only the rows in view, and moves one row per event", async () => {
    const customers = Array.from({ length: OPEN_CUSTOMERS }, (_, i) => customer(i));
    const lobby = new FakeLobby(customers);
    const app = await DashboardApp.open(stage.browser, stage.server);
    await app.context.routeWebSocket(/\/api\/dashboard\/ws$/, (ws) => lobby.attach(ws));
    await app.logInAndWait(SAM.email);
    await app.showTab("Open");

    const openCount = () => app.tab("Open").locator(".filter-tab__count").textContent();
    await waitUntil(openCount, (text) => text === String(OPEN_CUSTOMERS), "every page counted");
    expect(await app.titleCount()).toBe(0);
    expect(lobby.of("set_feed")).toEqual([{ type: "set_feed", data: { messages: "relevant", batch: true } }]);
    // After the connect page, one request per page, each with the cursor the last one gave.
    const requested = lobby.of("get_sessions").map((frame) => frame.data.cursor);
    const expectedCursors = [];
    for (let at = SESSIONS_PAGE; at < OPEN_CUSTOMERS; at += SESSIONS_PAGE_MAX) expectedCursors.push(String(at));
    expect(requested).toEqual(expectedCursors);

    const panel = app.page.locator(".inbox-list__panel");
    const renderedRows = () => panel.locator("li.inbox-row-item").count();
    expect(await renderedRows()).toBeLessThan(60);
    expect(await app.row("session-0").count()).toBe(1);
    expect(await panel.locator("li.inbox-row-item").first().getAttribute("aria-setsize")).toBe(String(OPEN_CUSTOMERS));

    // The oldest conversation is at the very end, and only a screenful exists there too.
    await panel.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    const last = app.row(`session-${OPEN_CUSTOMERS - 1}`);
    await last.waitFor();
    expect(await renderedRows()).toBeLessThan(60);
    expect(await last.isVisible()).toBe(true);

    // A list update for it, in a batch as the lobby sends one event's frames, moves it to the top;
    // the batch's other frame is handled too; nothing else changes.
    const now = new Date(T0 + MINUTE_MS).toISOString();
    const back = { ...customers[OPEN_CUSTOMERS - 1]!, status: "waiting", waiting_since: now, last_message: "back again!", last_message_at: now, last_seq: 2 } as const;
    const seen = { ...customers[1]!, last_message: "seen in the same batch" };
    lobby.send({
      type: "batch",
      data: {
        frames: [
          { type: "session_updated", data: { customer: seen } },
          { type: "session_updated", data: { customer: back } },
        ],
      },
    });
    await panel.evaluate((element) => element.scrollTo({ top: 0 }));
    const first = panel.locator("li.inbox-row-item a.inbox-row").first();
    await waitUntil(() => first.getAttribute("href"), (href) => href === `#/c/session-${OPEN_CUSTOMERS - 1}`, "the updated row first");
    expect(await first.textContent()).toContain("back again!");
    expect(await app.row("session-1").textContent()).toContain("seen in the same batch");
    expect(await openCount()).toBe(String(OPEN_CUSTOMERS));
    // The title counts conversations that need an agent: the one waiting, none of the bot's.
    expect(await app.titleCount()).toBe(1);

    // Opening a conversation tells the lobby whom this dashboard views; leaving it, that it stopped.
    await app.row("session-3").click();
    await waitUntil(async () => lobby.of("view_customer").length, (n) => n === 1, "view_customer sent");
    expect(lobby.of("view_customer")[0]!.data).toEqual({ customer_id: "visitor-3" });
    await app.row("session-4").click();
    await waitUntil(async () => lobby.of("unview_customer").length, (n) => n === 1, "unview_customer sent");
    expect(lobby.of("unview_customer")[0]!.data).toEqual({ customer_id: "visitor-3" });
    expect(lobby.of("view_customer").map((frame) => frame.data.customer_id)).toEqual(["visitor-3", "visitor-4"]);
    await app.context.close();
  });
});
