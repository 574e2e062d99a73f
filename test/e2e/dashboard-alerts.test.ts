import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHIME_GAP_MS } from "../../dashboard/lib/chime";
import type { ConversationDetail } from "../../src/protocol";
import { AgentClient } from "./support/agent-client";
import { AlertWatch, type AlertsSeen } from "./support/alert-watch";
import { serious } from "./support/axe";
import { ADA, DashboardApp, DEMO_PASSWORD, SAM, waitUntil } from "./support/dashboard-app";
import { BOT_ANSWERS, NEEDS_HUMAN, TestVisitor } from "./support/dashboard-visitor";
import { useStage } from "./support/stage";

const KINDS = ["New requests", "Messages in my conversations", "Transfers to me"];
const SHOTS = "/tmp/shots";

/** The chime and the desktop notifications of an agent's dashboard (SPEC §1: agents get notified). */
describe("dashboard alerts", () => {
  const stage = useStage();

  it("alerts for a visitor's words in my conversation while I look elsewhere; not the bot's conversations, a colleague's or my own words; each kind switched on its own", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const sam = await DashboardApp.open(stage.browser, stage.server);
    const watch = await AlertWatch.start(sam.page);
    await sam.logInAndWait(SAM.email);
    const switchStates = async () => Promise.all(KINDS.map((label) => sam.alertSwitch(label).getAttribute("aria-checked")));

    // Two switches by pointer, the third by keyboard alone.
    await sam.setAlert("New requests", true);
    await sam.setAlert("Messages in my conversations", true);
    const menu = sam.page.getByRole("button", { name: "Alerts", exact: true });
    await menu.focus();
    await sam.page.keyboard.press("Enter");
    await waitUntil(() => sam.alertSwitch("New requests").evaluate((field) => field === document.activeElement), (focused) => focused, "focus on the first switch");
    await sam.page.keyboard.press("ArrowDown");
    await sam.page.keyboard.press("ArrowDown");
    await sam.page.keyboard.press("Space");
    expect(await switchStates()).toEqual(["true", "true", "true"]);
    expect(await sam.page.locator(".alerts-menu__note").allTextContents()).toContain("A desktop notification comes too when you look elsewhere.");
    expect(await serious(sam.page)).toEqual([]);
    for (const width of [1024, 390]) {
      await sam.page.setViewportSize({ width, height: 800 });
      await sam.page.screenshot({ path: `${SHOTS}/alerts-menu-${width}.png` });
    }
    await sam.page.setViewportSize({ width: 1440, height: 900 });
    await sam.page.keyboard.press("Escape");
    expect(await menu.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await menu.getAttribute("title")).toBe("Alerts on for new requests, messages in my conversations, transfers to me");

    const seenNow = () => watch.seen();
    // Alerts that come together ring once: before each alert the test expects, the last chime must be over.
    const afterQuiet = () => watch.quietFor(CHIME_GAP_MS);
    const nothingNewSince = async (before: AlertsSeen) => expect(await seenNow()).toEqual(before);
    const newSince = (before: AlertsSeen, what: string) =>
      waitUntil(seenNow, (seen) => seen.notifications.length > before.notifications.length && seen.notes > before.notes, what, 20_000).then((seen) =>
        seen.notifications.slice(before.notifications.length),
      );
    /** Waits until the page has been told of `content` (a `new_message`) and has acted on it. */
    const told = (content: string) => watch.received('"new_message"', JSON.stringify(content));

    // Sam's own conversation.
    const mine = await TestVisitor.start(stage.server);
    await mine.say(NEEDS_HUMAN);
    await sam.openConversation(mine.sessionId);
    await sam.header.getByRole("button", { name: "Take over", exact: true }).click();
    await waitUntil(async () => (await sam.header.textContent()) ?? "", (text) => text.includes("Assigned to you"), "Sam has it");
    const { conversation } = await sam.api<ConversationDetail>(`/api/conversations/${mine.sessionId}`);
    const pageId = conversation.site_id!;

    // In front of Sam, a message is news enough on screen.
    let before = await seenNow();
    await mine.say("Quick question while you are here");
    await told("Quick question while you are here");
    await nothingNewSince(before);

    await watch.background(true);
    await afterQuiet();
    before = await seenNow();
    await mine.say("Are you still there?");
    expect(await newSince(before, "an alert for the visitor's message")).toEqual([
      { title: `New message from ${conversation.visitor_name}`, body: "Are you still there?" },
    ]);

    // Sam's own words, from another tab of his, are no news to him.
    const samElsewhere = await AgentClient.login(stage.server, SAM.email, DEMO_PASSWORD);
    before = await seenNow();
    samElsewhere.send({ type: "send_message", customer_id: mine.visitorId, page_id: pageId, message: "Yes, still here" });
    await told("Yes, still here");
    await nothingNewSince(before);
    samElsewhere.end();

    // A colleague's conversation and one the bot handles, open on Sam's screen so their messages reach him.
    const ada = await AgentClient.login(stage.server, ADA.email, DEMO_PASSWORD);
    const adas = await TestVisitor.start(stage.server);
    await adas.say(NEEDS_HUMAN);
    ada.send({ type: "assign_agent", data: { customer_id: adas.visitorId, page_id: pageId } });
    await ada.next("agent_assigned", (frame) => frame.data.customer.session_id === adas.sessionId);
    const bots = await TestVisitor.start(stage.server);
    await bots.say(BOT_ANSWERS);
    for (const [visitor, words] of [
      [adas, "Hello? Anyone?"],
      [bots, "And how long to Mexico?"],
    ] as const) {
      await watch.background(false);
      await sam.openConversation(visitor.sessionId);
      await watch.background(true);
      before = await seenNow();
      await visitor.say(words);
      await told(words);
      await nothingNewSince(before);
    }

    // Ada hands hers over: that is news.
    await afterQuiet();
    before = await seenNow();
    ada.send({ type: "transfer_agent", data: { customer_id: adas.visitorId, page_id: pageId, agent_id: SAM.id } });
    await ada.next("agent_transferred", (frame) => frame.data.customer.session_id === adas.sessionId);
    const [handover] = await newSince(before, "an alert for the transfer");
    expect(handover!.title).toMatch(/ is yours now \(was with Ada Admin\)$/);
    ada.end();

    // Messages switched off: Sam's conversations are quiet, requests still alert.
    await watch.background(false);
    await sam.setAlert("Messages in my conversations", false);
    await watch.background(true);
    before = await seenNow();
    await mine.say("Hello again");
    await told("Hello again");
    await nothingNewSince(before);
    await afterQuiet();
    const next = await TestVisitor.start(stage.server);
    await next.say(NEEDS_HUMAN);
    const [request] = await newSince(before, "an alert for the new request");
    expect(request).toMatchObject({ title: expect.stringMatching(/ wants to talk to a human$/) as string });

    // The switches are Sam's: they outlive a reload, and Ada on the same browser has her own.
    await watch.background(false);
    await sam.page.reload();
    await sam.page.getByRole("tablist", { name: "Inbox views" }).waitFor();
    await sam.openAlerts();
    expect(await switchStates()).toEqual(["true", "false", "true"]);
    await sam.page.keyboard.press("Escape");
    await sam.page.getByRole("button", { name: "Log out", exact: true }).click();
    await sam.logInAndWait(ADA.email);
    await sam.openAlerts();
    expect(await switchStates()).toEqual(["false", "false", "false"]);
    await sam.close();
  });
});
