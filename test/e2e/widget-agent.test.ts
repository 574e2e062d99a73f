import { describe, expect, it } from "vitest";
import { DEMO } from "../../scripts/lib/demo-data";
import { SYSTEM_EVENTS } from "../../src/protocol/system-events";
import { takeOver } from "./support/agent-client";
import { pageHtml, recordedEvents, recordEvents, sessionOf, showPage, storedMessages, WidgetView } from "./support/browser";
import { useStage } from "./support/stage";

const SAM = DEMO.agents[1];

describe("the widget with an agent on the other side", () => {
  const stage = useStage();


  it("shows who joined, their typing, their replies, what they read, and when they close", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await recordEvents(page);
    const widget = await WidgetView.openShop(page, stage.server);
    await widget.send("Do the boots run small in size? Can I talk to a person?");
    await widget.panel.locator(".banner.waiting").waitFor();
    const session = await sessionOf(page, stage.server);
    const { agent, customer } = await takeOver(stage.server, page);
    await widget.waitForMessage(`${SAM.name} joined the conversation`);
    expect(await widget.panel.locator(".subtitle").textContent()).toBe(`You are chatting with ${SAM.name}`);
    expect(await widget.panel.locator(".avatar").textContent()).toBe("S");
    expect(await widget.panel.locator(".banner").count()).toBe(0);

    // Typing, both ways.
    agent.send({ type: "typing", data: { ...customer, is_typing: true } });
    await widget.panel.locator(".typing", { hasText: `${SAM.name} is typing…` }).waitFor();
    agent.send({ type: "typing", data: { ...customer, is_typing: false } });
    await widget.panel.locator(".typing").waitFor({ state: "detached" });
    await widget.input.pressSequentially("Is it");
    const typing = await agent.next("typing", (f) => f.data.is_typing && f.data.customer_id === session.visitor_id);
    expect(typing.data.sender_type).toBe("user");
    await widget.input.fill("");

    // A reply: shown with the agent's name, announced, reported as an event.
    agent.send({ type: "send_message", ...customer, message: "Found it: it arrives tomorrow." });
    await widget.waitForMessage("Found it: it arrives tomorrow.");
    const reply = widget.panel.locator('li[data-sender="agent"]', { hasText: "Found it" });
    expect(await reply.locator(".who").textContent()).toBe(SAM.name);
    expect(await widget.panel.locator("[aria-live]").last().textContent()).toBe(`${SAM.name}: Found it: it arrives tomorrow.`);
    await expect.poll(async () => (await recordedEvents(page)).some((e) => e.name === "message" && (e.data as { sender_type: string }).sender_type === "agent")).toBe(true);

    // "Seen" appears once the agent has read the visitor's message.
    const mine = (await storedMessages(stage.server, session)).find((m) => m.content === "Do the boots run small in size? Can I talk to a person?")!;
    expect(await widget.panel.locator(".seen").count()).toBe(0);
    agent.send({ type: "mark_read", data: { ...customer, seq: mine.seq } });
    await widget.panel.locator(`li[data-seq="${mine.seq}"] .seen`, { hasText: "Seen" }).waitFor();

    // While the panel is closed, a reply shows as an unread badge on the bubble.
    await widget.panel.getByRole("button", { name: "Close chat" }).click();
    agent.send({ type: "send_message", ...customer, message: "Anything else?" });
    await page.locator("parley-widget .badge", { hasText: "1" }).waitFor();
    expect(await widget.bubble.getAttribute("aria-label")).toBe("Open chat (1 unread)");
    await widget.open();
    await expect.poll(() => page.locator("parley-widget .badge").textContent()).toBe("");

    // Closing by the agent, and reopening by writing again.
    agent.send({ type: "close_session", data: customer });
    await widget.waitForMessage(`${SAM.name} closed the conversation`);
    await widget.panel.locator(".banner.closed").waitFor();
    await widget.send("One more question");
    await widget.waitForMessage("One more question");
    await widget.waitForMessage(`The conversation was reopened and is back with ${SAM.name}`);
    await widget.panel.locator(".banner.closed").waitFor({ state: "detached" });
    agent.end();
    await context.close();
  });

  it("says in the visitor's language that a conversation was reopened", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await showPage(page, stage.server, pageHtml('<script src="/widget.js" data-site="demo" data-locale="de" async></script>'));
    const widget = new WidgetView(page);
    await widget.open();
    await widget.waitOnline();
    await widget.send("Ich möchte mit einem Menschen sprechen");
    await widget.waitForMessage("Ich möchte mit einem Menschen sprechen");
    const session = await sessionOf(page, stage.server);
    const { agent, customer } = await takeOver(stage.server, page);
    await widget.waitForMessage(`${SAM.name} ist dem Gespräch beigetreten`);
    agent.send({ type: "close_session", data: customer });
    await widget.waitForMessage(`${SAM.name} hat das Gespräch beendet`);
    await widget.send("Noch eine Frage");
    await widget.waitForMessage(`Das Gespräch wurde wieder aufgenommen, ${SAM.name} ist wieder für Sie da`);
    const reopened = (await storedMessages(stage.server, session)).find((m) => m.metadata?.["event"] === SYSTEM_EVENTS.reopened);
    expect(reopened?.content).toBe(`The conversation was reopened and is back with ${SAM.name}`);
    agent.end();
    await context.close();
  });
});
