import type { WebSocket } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Escalation, EscalationsResponseSchema } from "../../src/protocol";
import type { z } from "zod";
import { DEMO } from "../../scripts/lib/demo-data";
import { apiJson } from "./support/api";
import { useStage } from "./support/stage";
import { expectShowsStored, recordedEvents, recordEvents, sessionOf, storedMessages, WidgetView } from "./support/browser";

const times = (list: string[], text: string): number => list.filter((item) => item === text).length;

describe("chatting in the widget", () => {
  const stage = useStage();

  it("answers a FAQ click with the question and the answer, each shown once", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);
    const [faq] = DEMO.faqs;

    await widget.faq(faq.question).click();
    await widget.waitForMessage(faq.answer);
    const stored = await expectShowsStored(widget, stage.server);
    expect(stored.map((m) => m.content)).toEqual([faq.question, faq.answer]);
    await context.close();
  });

  it("shows a sent message exactly once, and still once after a reload", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    const widget = await WidgetView.openShop(page, stage.server);

    await widget.send("Exactly once, please");
    await widget.waitForMessage("Exactly once, please");
    const stored = await expectShowsStored(widget, stage.server);
    expect(times(stored.map((m) => m.content), "Exactly once, please")).toBe(1);

    await page.reload();
    await widget.open();
    await widget.waitForMessage("Exactly once, please");
    expect(await expectShowsStored(widget, stage.server)).toEqual(stored);
    await context.close();
  });

  it("keeps an undelivered message across page views and delivers it once the line is back", async () => {
    const context = await stage.browser.newContext();
    const cutOff = await context.newPage();
    await cutOff.routeWebSocket(/\/ws\//, (ws) => ws.close());
    await cutOff.route(/\/api\/chat\//, (route) => route.abort("internetdisconnected"));
    await cutOff.goto(`${stage.server.origin}/`);
    const before = new WidgetView(cutOff);
    await before.open();
    await before.send("Written while the line was down");
    await before.pending.filter({ hasText: "Sending…" }).waitFor();
    expect(await before.panel.getAttribute("data-connection")).not.toBe("online");
    const pendingId = await before.pendingId("Written while the line was down");
    const session = await sessionOf(cutOff, stage.server);
    expect((await storedMessages(stage.server, session)).map((m) => m.client_msg_id)).not.toContain(pendingId);
    await cutOff.close();

    // The next page view sends it without the visitor opening the chat again.
    const page = await context.newPage();
    await page.goto(`${stage.server.origin}/`);
    await expect.poll(async () => (await storedMessages(stage.server, session)).map((m) => m.content), { timeout: 20_000 }).toContain(
      "Written while the line was down",
    );
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitForMessage("Written while the line was down");
    const stored = await expectShowsStored(widget, stage.server);
    expect(stored.filter((m) => m.client_msg_id === pendingId).map((m) => m.content)).toEqual(["Written while the line was down"]);
    expect(times(stored.map((m) => m.content), "Written while the line was down")).toBe(1);
    await context.close();
  });

  it("asks for a human: banner, escalation event, and the escalation stored", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await recordEvents(page);
    const widget = await WidgetView.openShop(page, stage.server);

    await widget.panel.getByRole("button", { name: "Talk to a human" }).click();
    await widget.panel.locator(".banner.waiting").waitFor();
    // Nobody is on the dashboard, so the banner promises no quick reply (SPEC §12).
    expect(await widget.panel.locator(".banner.waiting").textContent()).toContain("We have let the team know. Nobody is online right now");
    expect(await widget.panel.locator(".subtitle").textContent()).toBe("Waiting for a team member");
    await widget.waitForMessage("A team member has been asked to join");

    const session = await sessionOf(page, stage.server);
    await expect.poll(async () => (await recordedEvents(page)).filter((e) => e.name === "escalation").length).toBe(1);
    const event = (await recordedEvents(page)).find((e) => e.name === "escalation")!.data as Escalation;
    expect(event.conversation_id).toBe(session.session_id);
    const stored = await apiJson<z.infer<typeof EscalationsResponseSchema>>(stage.server, `/api/chat/${session.session_id}/escalations`, {
      token: session.visitor_token,
    });
    expect(stored.escalations.map((e) => e.id)).toEqual([event.id]);
    expect((await recordedEvents(page)).filter((e) => e.name === "escalation")).toHaveLength(1);
    expect((await storedMessages(stage.server, session)).map((m) => m.metadata?.event)).toContain("escalated");
    await context.close();
  });

  it("keeps two tabs on one conversation over one socket, and hands the socket over when the leader closes", async () => {
    const context = await stage.browser.newContext();
    const sockets: WebSocket[] = [];
    context.on("page", (page) => page.on("websocket", (ws) => sockets.push(ws)));
    const first = await context.newPage();
    const one = await WidgetView.openShop(first, stage.server);
    const second = await context.newPage();
    const two = await WidgetView.openShop(second, stage.server);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.url()).toContain("/ws/chat/");

    await one.send("From the first tab");
    await two.waitForMessage("From the first tab");
    await two.send("From the second tab");
    await one.waitForMessage("From the second tab");
    const shared = await expectShowsStored(one, stage.server);
    expect(await expectShowsStored(two, stage.server)).toEqual(shared);

    await first.close();
    await expect.poll(() => sockets.length, { timeout: 15_000 }).toBe(2);
    await two.waitOnline();
    await two.send("After the first tab closed");
    await two.waitForMessage("After the first tab closed");
    const stored = (await expectShowsStored(two, stage.server)).map((m) => m.content);
    for (const text of ["From the first tab", "From the second tab", "After the first tab closed"]) expect(times(stored, text)).toBe(1);
    await context.close();
  });
});
