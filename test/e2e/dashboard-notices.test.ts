import type { WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ConversationDetail, Customer } from "../../src/protocol";
import { AgentClient } from "./support/agent-client";
import { serious } from "./support/axe";
import { ADA, DashboardApp, DEMO_PASSWORD, SAM, waitUntil } from "./support/dashboard-app";
import { NEEDS_HUMAN, TestVisitor } from "./support/dashboard-visitor";
import { fakeCustomer, FakeLobby } from "./support/fake-lobby";
import { useStage } from "./support/stage";

const textOf = async (locator: { textContent(): Promise<string | null> }) => (await locator.textContent()) ?? "";

/** A customer who asked for a human a few seconds ago. */
function waitingCustomer(i: number): Customer {
  const at = new Date(Date.now() - i * 1_000).toISOString();
  return fakeCustomer(i, at, {
    status: "waiting",
    last_message: NEEDS_HUMAN,
    waiting_since: at,
    time_since_last_conversation: "",
    escalation_reason: NEEDS_HUMAN,
    last_seq: 2,
    unread_count: 1,
  });
}

/** Passes a socket through to the server, leaving out the server's frames `drop` picks. */
function passThrough(ws: WebSocketRoute, drop: (text: string) => boolean): void {
  const server = ws.connectToServer();
  ws.onMessage((message) => server.send(message));
  server.onMessage((message) => {
    if (!drop(String(message))) ws.send(message);
  });
}

/** Notices about one conversation's state, and the toasts in the corner, in the agent dashboard. */
describe("dashboard notices", () => {
  const stage = useStage();

  it("drops a refusal once the conversation changes hands: never 'already assigned' beside 'Assigned to you'", async () => {
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    const sam = await DashboardApp.open(stage.browser, stage.server);
    // While `stale`, Sam's dashboard misses every word of this conversation's state, as in a race
    // where a colleague acts first: what Sam asks for then is refused.
    let stale = false;
    const isStatus = (text: string) => text.startsWith("{") && (JSON.parse(text) as { type: string }).type === "status";
    await sam.context.routeWebSocket(/\/api\/dashboard\/ws$/, (ws) => passThrough(ws, (text) => stale && text.includes(visitor.sessionId)));
    await sam.context.routeWebSocket(/\/ws\/chat\//, (ws) => passThrough(ws, (text) => stale && isStatus(text)));
    await sam.logInAndWait(SAM.email);
    await sam.showTab("Waiting");
    await sam.openConversation(visitor.sessionId);
    const takeOver = sam.header.getByRole("button", { name: "Take over", exact: true });
    await takeOver.waitFor();

    const { conversation } = await sam.api<ConversationDetail>(`/api/conversations/${visitor.sessionId}`);
    const target = { customer_id: conversation.visitor_id!, page_id: conversation.site_id! };
    const ada = await AgentClient.login(stage.server, ADA.email, DEMO_PASSWORD);
    stale = true;
    ada.send({ type: "assign_agent", data: target });
    await ada.next("agent_assigned", (frame) => frame.data.customer.session_id === visitor.sessionId);

    await takeOver.click();
    const headerRefusal = sam.page.locator(".conversation-header__refusal");
    await waitUntil(() => textOf(headerRefusal), (text) => text.includes("Customer is already assigned to Ada Admin"), "take-over refused");
    await sam.reply("I can take this one");
    const replyRefusal = sam.page.locator(".composer__refusal");
    await waitUntil(() => textOf(replyRefusal), (text) => text.includes("Customer is already assigned to Ada Admin"), "reply refused");

    stale = false;
    ada.send({ type: "transfer_agent", data: { ...target, agent_id: SAM.id } });
    await waitUntil(() => textOf(sam.header), (text) => text.includes("Assigned to you"), "transfer reaches Sam");
    await waitUntil(
      async () => [await headerRefusal.count(), await replyRefusal.count()],
      (counts) => counts.every((count) => count === 0),
      "refusals of the old state gone",
    );
    // The refused reply itself stays, to retry now that the conversation is Sam's.
    await sam.page.locator(".message--failed", { hasText: "I can take this one" }).waitFor();
    ada.end();
    await sam.close();
  });

  it("makes the composer read-only in a colleague's conversation, says why, and lets an admin take it over", async () => {
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    const sam = await DashboardApp.open(stage.browser, stage.server);
    const ada = await DashboardApp.open(stage.browser, stage.server);
    for (const [app, who] of [
      [sam, SAM],
      [ada, ADA],
    ] as const) {
      await app.logInAndWait(who.email);
      await app.showTab("Waiting");
      await app.openConversation(visitor.sessionId);
    }
    await sam.header.getByRole("button", { name: "Take over", exact: true }).click();
    const held = ada.page.locator("form.composer .composer__held");
    await waitUntil(() => textOf(held), (text) => text.includes("Sam Support is handling this conversation."), "Ada is told why");
    expect(await textOf(held)).toContain("Take it over to reply.");
    expect(await ada.composer.isEditable()).toBe(false);
    expect(await ada.composer.getAttribute("aria-describedby")).toContain("composer-held");
    expect(await ada.page.locator("form.composer").getByRole("button", { name: "Send" }).isDisabled()).toBe(true);
    // One line says it all: no second warning beside it.
    expect(await ada.page.locator("form.composer").locator("[role=status], [role=alert]").count()).toBe(1);
    await ada.page.locator(".conversation").screenshot({ path: "/tmp/issue9-notices-read-only-composer.png" });
    expect(await serious(ada.page)).toEqual([]);

    await held.getByRole("button", { name: "Take over", exact: true }).click();
    await waitUntil(() => textOf(ada.header), (text) => text.includes("Assigned to you"), "Ada took it over");
    await waitUntil(() => ada.composer.isEditable(), (editable) => editable, "Ada can write");
    expect(await ada.composer.evaluate((field) => field === document.activeElement)).toBe(true);
    await ada.reply("I have it from here.");
    await ada.message("I have it from here.").waitFor();

    // Sam, not an admin, may not take it back: he is told whom to ask.
    const samHeld = sam.page.locator("form.composer .composer__held");
    await waitUntil(() => textOf(samHeld), (text) => text.includes("Ask Ada Admin to transfer it to you to reply."), "Sam is told whom to ask");
    expect(await samHeld.getByRole("button").count()).toBe(0);
    expect(await sam.composer.isEditable()).toBe(false);
    await sam.close();
    await ada.close();
  });

  it("collapses a burst of requests into one counting toast that follows the queue, and keeps one notice per situation", async () => {
    const customers = Array.from({ length: 5 }, (_, i) => waitingCustomer(i));
    const lobby = new FakeLobby([]);
    const app = await DashboardApp.open(stage.browser, stage.server);
    await app.context.routeWebSocket(/\/api\/dashboard\/ws$/, (ws) => lobby.attach(ws));
    await app.logInAndWait(SAM.email);
    await app.showTab("Open");

    for (const customer of customers) {
      const { customer_id, customer_name, page_id } = customer;
      lobby.send({ type: "agent_requested", data: { customer_id, customer_name, page_id, reason: NEEDS_HUMAN, customer } });
    }
    const toasts = app.page.locator(".notices .notice");
    const requests = app.page.locator(".notices .notice--request");
    await waitUntil(() => requests.allTextContents(), (texts) => texts.length === 1 && texts[0]!.includes("5 new requests"), "one toast counts the burst");
    expect(await toasts.count()).toBe(1);
    await app.page.screenshot({ path: "/tmp/issue9-notices-collapsed-toast.png" });

    // A colleague picks one up: it no longer waits for this agent.
    lobby.send({ type: "agent_assigned", data: { customer: { ...customers[0]!, status: "assigned", is_assigned: true, agent_id: ADA.id, agent_name: ADA.name } } });
    await waitUntil(() => textOf(requests), (text) => text.includes("4 new requests"), "the count follows the queue");
    await requests.getByRole("button", { name: "Show waiting", exact: true }).click();
    await waitUntil(() => app.tab("Waiting").getAttribute("aria-selected"), (selected) => selected === "true", "the Waiting tab shown");
    await requests.waitFor({ state: "detached" });

    // The same error three times is one notice; the stack stays small.
    lobby.send({ type: "error", error: "First problem", code: "internal" });
    lobby.send({ type: "error", error: "Second problem", code: "internal" });
    for (let i = 0; i < 3; i++) lobby.send({ type: "error", error: "Customer is already assigned to Ada Admin", code: "already_assigned" });
    await waitUntil(
      () => toasts.allTextContents(),
      (texts) => texts.length === 3 && texts.filter((text) => text.includes("already assigned")).length === 1,
      "one notice per situation",
    );
    await app.close();
  });

  it("tells the agent when a colleague's conversation is handed to them, and not when they take one themself", async () => {
    const withAda = { ...waitingCustomer(7), status: "assigned" as const, waiting_since: null, is_assigned: true, agent_id: ADA.id, agent_name: ADA.name };
    const waiting = waitingCustomer(8);
    const lobby = new FakeLobby([withAda, waiting]);
    const app = await DashboardApp.open(stage.browser, stage.server);
    await app.context.routeWebSocket(/\/api\/dashboard\/ws$/, (ws) => lobby.attach(ws));
    await app.logInAndWait(SAM.email);
    const handover = app.page.locator(".notices .notice", { hasText: "is yours now" });

    const mine = { is_assigned: true, agent_id: SAM.id, agent_name: SAM.name, is_assigned_to_me: true };
    const assigned = (customer: typeof waiting) =>
      lobby.send({
        type: "agent_assignment_changed",
        data: { action: "assigned", customer_id: customer.customer_id, page_id: customer.page_id, agent_id: SAM.id, agent_name: SAM.name, customer },
      });
    assigned({ ...waiting, status: "assigned", waiting_since: null, ...mine });
    assigned({ ...withAda, ...mine });
    await handover.waitFor();
    expect(await handover.allTextContents()).toEqual([expect.stringContaining(`${withAda.customer_name} is yours now (was with ${ADA.name})`)]);
    await handover.getByRole("button", { name: "Open", exact: true }).click();
    await waitUntil(() => app.page.evaluate(() => location.hash), (hash) => hash === `#/c/${withAda.session_id}`, "the conversation opened");
    await app.close();
  });
});
