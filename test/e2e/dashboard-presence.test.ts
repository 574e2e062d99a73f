import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loginCookie } from "./support/agent-client";
import { apiJson } from "./support/api";
import { serious } from "./support/axe";
import { ADA, DashboardApp, DEMO_PASSWORD, SAM, waitUntil } from "./support/dashboard-app";
import { NEEDS_HUMAN, TestVisitor } from "./support/dashboard-visitor";
import { useStage } from "./support/stage";

const SHOTS = "/tmp/shots";

/** Who else has a conversation open, in its header, as the room's presence says. */
describe("dashboard presence", () => {
  const stage = useStage();

  it("shows each agent the colleagues viewing the same conversation, live as they come and go, never themself", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    const lee = { email: `lee-${randomUUID().slice(0, 8)}@example.com`, name: "Lee Lin" };
    await apiJson(stage.server, "/api/agents", {
      body: { ...lee, password: DEMO_PASSWORD },
      cookie: await loginCookie(stage.server, ADA.email, DEMO_PASSWORD),
    });

    const viewing = (app: DashboardApp) => app.header.locator(".conversation-header__viewers");
    const viewersOf = async (app: DashboardApp) => (await viewing(app).allTextContents()).join(" | ");
    const apps: DashboardApp[] = [];
    for (const who of [SAM, ADA, lee]) {
      const app = await DashboardApp.open(stage.browser, stage.server);
      await app.logInAndWait(who.email);
      apps.push(app);
    }
    const [sam, ada, leeApp] = apps as [DashboardApp, DashboardApp, DashboardApp];

    await sam.openConversation(visitor.sessionId);
    await sam.message(NEEDS_HUMAN).waitFor();
    expect(await viewersOf(sam)).toBe("");

    await ada.openConversation(visitor.sessionId);
    await waitUntil(() => viewersOf(sam), (text) => text === "Ada Admin is viewing", "Sam sees Ada arrive");
    await waitUntil(() => viewersOf(ada), (text) => text === "Sam Support is viewing", "Ada sees Sam, not herself");
    expect(await serious(ada.page)).toEqual([]);
    for (const width of [1024, 390]) {
      await ada.page.setViewportSize({ width, height: 800 });
      await ada.header.screenshot({ path: `${SHOTS}/presence-header-${width}.png` });
    }

    await leeApp.openConversation(visitor.sessionId);
    const both = (first: string, second: string) => [`${first} and ${second} are viewing`, `${second} and ${first} are viewing`];
    await waitUntil(() => viewersOf(sam), (text) => both(ADA.name, lee.name).includes(text), "Sam sees both colleagues");
    await waitUntil(() => viewersOf(leeApp), (text) => both(SAM.name, ADA.name).includes(text), "Lee sees both");

    await leeApp.close();
    await waitUntil(() => viewersOf(sam), (text) => text === "Ada Admin is viewing", "Lee's closed tab leaves");
    await ada.page.goBack();
    await waitUntil(() => viewersOf(sam), (text) => text === "", "Ada went back to her inbox");
    await waitUntil(() => ada.page.locator(".conversation-header").count(), (count) => count === 0, "Ada's conversation closed");
    await sam.close();
    await ada.close();
  });
});
