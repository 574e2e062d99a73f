import { describe, expect, it } from "vitest";
import { DashboardApp, SAM } from "./support/dashboard-app";
import { sessionOf, storedMessages, WidgetView } from "./support/browser";
import { useStage } from "./support/stage";

/**
 * The whole product in two browsers: a visitor in the real widget on the shop page, an agent in
 * the real dashboard, chatting both ways in real time with nothing but what each of them clicks.
 */
describe("a visitor and an agent, each in their own browser", () => {
  const stage = useStage();

  it("chat both ways in real time: the session appears live, the agent takes it by replying", async () => {
    const agent = await DashboardApp.open(stage.browser, stage.server);
    await agent.logInAndWait(SAM.email);

    const visitorContext = await stage.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitorPage = await visitorContext.newPage();
    const widget = await WidgetView.openShop(visitorPage, stage.server);
    await widget.send("Hi! Does the Alpine Shell jacket run small?");
    await widget.waitForMessage("Hi! Does the Alpine Shell jacket run small?");

    const session = await sessionOf(visitorPage, stage.server);
    await agent.row(session.session_id).waitFor({ timeout: 10_000 });
    await agent.openConversation(session.session_id);
    await agent.message("Hi! Does the Alpine Shell jacket run small?").waitFor();

    await agent.reply("It does a little. Most people size up one.");
    await widget.waitForMessage("It does a little. Most people size up one.");
    await widget.waitForMessage("Sam Support joined the conversation");
    await expect.poll(() => widget.panel.textContent(), { timeout: 10_000 }).toContain("Sam Support");

    await widget.send("Great, I'll take an L then. Thanks!");
    await agent.message("Great, I'll take an L then. Thanks!").waitFor({ timeout: 10_000 });
    await expect.poll(() => agent.header.textContent()).toContain("Assigned");

    const stored = (await storedMessages(stage.server, session)).map((m) => [m.sender_type, m.content]);
    expect(stored.filter(([type]) => type === "user" || type === "agent")).toEqual([
      ["user", "Hi! Does the Alpine Shell jacket run small?"],
      ["agent", "It does a little. Most people size up one."],
      ["user", "Great, I'll take an L then. Thanks!"],
    ]);
    expect(await widget.count("It does a little. Most people size up one.")).toBe(1);
    await visitorContext.close();
    await agent.close();
  });
});
