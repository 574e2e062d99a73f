import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loginCookie } from "./support/agent-client";
import { apiJson } from "./support/api";
import { serious } from "./support/axe";
import { ADA, DashboardApp, DEMO_PASSWORD, SAM, waitUntil } from "./support/dashboard-app";
import { useStage } from "./support/stage";
import { TeamView, waitForUnread } from "./support/team-view";

/** From a small phone to a desktop (issue 9's widths). */
const WIDTHS = [360, 768, 1024, 1440];
/** Where the screenshots go, to look at; they are not committed. */
const SHOTS = "/tmp/shots";
const LEE = { email: "lee@example.com", name: "Lee Lin" };

const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");

/** What reaches past the viewport sideways, where the page or the top bar would scroll: a few culprits. */
const overflowsSideways = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    const bar = document.querySelector<HTMLElement>(".top-bar__tools");
    const barFits = !bar || bar.getBoundingClientRect().right <= root.clientWidth + 0.5;
    if (root.scrollWidth <= root.clientWidth && barFits) return [];
    return Array.from(document.querySelectorAll<HTMLElement>("body *"))
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className)}`)
      .slice(0, 5);
  });

/**
 * Issue 11's team chat in a real Chromium against one real `wrangler dev`: agents in their own
 * browser contexts write to each other live, in the Team section and the floating panel.
 */
describe("team chat in the dashboard", () => {
  const stage = useStage();
  const apps: Partial<Record<"ada" | "sam" | "lee", DashboardApp>> = {};
  const open = async (who: "ada" | "sam" | "lee", email: string) => {
    apps[who] ??= await DashboardApp.open(stage.browser, stage.server);
    const app = apps[who]!;
    if ((await app.page.locator(".top-bar").count()) === 0) await app.logInAndWait(email);
    return app;
  };

  it("two agents DM each other live: not found is said, badges and the title count rise and clear on read, Seen and typing show", async () => {
    const ada = await open("ada", ADA.email);
    const sam = await open("sam", SAM.email);
    await waitForUnread(sam.page, 0, "Sam starts with nothing unread");

    // Ada, in the Team section: an unknown email is refused in words, Sam's opens the chat.
    await ada.page.getByRole("link", { name: /^Team/ }).click();
    const adaTeam = TeamView.section(ada.page);
    await adaTeam.scope.getByText("No team chats yet").waitFor();
    await adaTeam.openDirect("ghost@example.com");
    await adaTeam.scope.getByRole("alert").filter({ hasText: "No active teammate has the email ghost@example.com." }).waitFor();
    expect(await adaTeam.scope.getByLabel("Teammate's email").getAttribute("aria-invalid")).toBe("true");
    mkdirSync(SHOTS, { recursive: true });
    await ada.page.screenshot({ path: `${SHOTS}/team-direct-not-found-1440.png`, animations: "disabled" });
    await adaTeam.scope.getByLabel("Teammate's email").fill(SAM.email);
    await adaTeam.scope.getByRole("button", { name: "Open chat" }).click();
    await adaTeam.roomTitle.filter({ hasText: SAM.name }).waitFor();
    expect(new URL(ada.page.url()).hash).toMatch(/^#\/team\/[A-Za-z0-9_-]+$/);
    expect(await ada.page.title()).toBe("Team · Parley");
    await adaTeam.send("Hi Sam, got a minute for the refund queue?");

    // Sam, on the inbox: the floating button, the top bar and the tab title count it, live.
    await waitForUnread(sam.page, 1, "Sam's badges count Ada's message");
    expect(await sam.titleCount()).toBe(1);
    await sam.page.getByRole("button", { name: "Team chat, 1 unread" }).click();
    const samPanel = TeamView.panel(sam.page);
    await samPanel.scope.waitFor();
    expect(await focusedLabel(sam.page)).toBe("Team chat");
    expect(await samPanel.unreadOf(ADA.name)).toBe(1);
    await sam.page.screenshot({ path: `${SHOTS}/team-panel-list-1440.png`, animations: "disabled" });
    await samPanel.row(ADA.name).click();
    await samPanel.message("Hi Sam, got a minute for the refund queue?").waitFor();
    await waitForUnread(sam.page, 0, "reading the chat clears Sam's badges");
    await waitUntil(() => sam.titleCount(), (count) => count === 0, "and the title count");
    await adaTeam.room.locator(".message__receipt", { hasText: "Seen" }).waitFor();

    // Typing shows on the other side, and the answer arrives without a reload.
    await samPanel.composer.fill("Sure, on my");
    await adaTeam.room.getByText(`${SAM.name} is typing…`).waitFor();
    await samPanel.composer.fill("");
    await samPanel.send("Sure, give me five minutes.");
    await adaTeam.message("Sure, give me five minutes.").waitFor();
    await adaTeam.room.getByText(`${SAM.name} is typing…`).waitFor({ state: "detached" });
    expect(await adaTeam.unreadOf(SAM.name)).toBe(0);
    expect(await serious(sam.page)).toEqual([]);
    expect(await serious(ada.page)).toEqual([]);

    // Escape closes the panel and gives focus back to the button.
    await samPanel.composer.focus();
    await sam.page.keyboard.press("Escape");
    await samPanel.scope.waitFor({ state: "detached" });
    expect(await focusedLabel(sam.page)).toBe("Team chat");
  });

  it("a group of three: created, renamed, seen by, a member removed (losing the room), another leaving, deleted after asking", async () => {
    const adminCookie = await loginCookie(stage.server, ADA.email, DEMO_PASSWORD);
    await apiJson(stage.server, "/api/agents", { body: { ...LEE, password: DEMO_PASSWORD }, cookie: adminCookie });
    const ada = await open("ada", ADA.email);
    const sam = await open("sam", SAM.email);
    const lee = await open("lee", LEE.email);
    await lee.page.goto(`${stage.server.origin}/dashboard/#/team`);
    const [adaTeam, leeTeam] = [TeamView.section(ada.page), TeamView.section(lee.page)];

    await ada.page.goto(`${stage.server.origin}/dashboard/#/team`);
    await adaTeam.createGroup("Night shift", [SAM.email, LEE.email]);
    await adaTeam.systemLine(`${ADA.name} created the group Night shift`).waitFor();
    await leeTeam.row("Night shift").waitFor();

    let details = await adaTeam.openDetails();
    await details.getByLabel("Group name").fill("Night ops");
    await details.getByRole("button", { name: "Rename" }).click();
    await adaTeam.systemLine(`${ADA.name} renamed the group to Night ops`).waitFor();
    await leeTeam.row("Night ops").click();
    await leeTeam.systemLine(`${ADA.name} renamed the group to Night ops`).waitFor();
    expect(await leeTeam.roomTitle.textContent()).toBe("Night ops");

    // Sam reads along in the floating panel, which opens where he left it; Ada sees who has seen her message.
    await sam.page.getByRole("button", { name: /^Team chat/ }).click();
    const samPanel = TeamView.panel(sam.page);
    await samPanel.roomTitle.filter({ hasText: ADA.name }).waitFor();
    await samPanel.room.getByRole("button", { name: "Back to your chats" }).click();
    await samPanel.row("Night ops").click();
    await adaTeam.send("Handover at 10, the refund queue is yours.");
    await samPanel.message("Handover at 10").waitFor();
    await leeTeam.message("Handover at 10").waitFor();
    await adaTeam.room.locator(".message__receipt", { hasText: "Seen by everyone" }).waitFor();
    await leeTeam.send("On it.");

    await screenshots(ada, sam);
    details = await adaTeam.openDetails();

    // Ada removes Lee: a system line for those left, and Lee's room closes with the reason.
    await details.getByRole("button", { name: `Remove ${LEE.name} from the group` }).click();
    await adaTeam.systemLine(`${ADA.name} removed ${LEE.name}`).waitFor();
    await leeTeam.scope.getByText("You are no longer a member of this group.").waitFor();
    await leeTeam.row("Night ops").waitFor({ state: "detached" });
    await samPanel.systemLine(`${ADA.name} removed ${LEE.name}`).waitFor();

    // Sam leaves from the panel's details, after confirming.
    await samPanel.room.getByRole("button", { name: "Chat details" }).click();
    await samPanel.scope.getByRole("button", { name: "Leave group" }).click();
    const confirmLeave = sam.page.getByRole("dialog", { name: "Leave Night ops?" });
    await confirmLeave.getByRole("button", { name: "Leave group" }).click();
    await samPanel.scope.getByRole("button", { name: "New group" }).waitFor();
    await samPanel.row("Night ops").waitFor({ state: "detached" });
    await adaTeam.systemLine(`${SAM.name} left the group`).waitFor();
    expect(await details.locator(".team-info__member").count()).toBe(1);

    // Deleting asks first; Escape keeps the group.
    await details.getByRole("button", { name: "Delete group" }).click();
    const confirmDelete = ada.page.getByRole("dialog", { name: "Delete Night ops?" });
    expect(await confirmDelete.textContent()).toContain("gone for every member");
    await ada.page.keyboard.press("Escape");
    await confirmDelete.waitFor({ state: "detached" });
    await details.getByRole("button", { name: "Delete group" }).click();
    await confirmDelete.getByRole("button", { name: "Delete group" }).click();
    await adaTeam.row("Night ops").waitFor({ state: "detached" });
    await waitUntil(async () => new URL(ada.page.url()).hash, (hash) => hash === "#/team", "Ada is back at her chats");
    for (const app of [ada, sam, lee]) await app.close();
  });

  /**
   * The Team section (Ada, the group open) and the floating panel (Sam) at each width, widest
   * first: the details show beside the room at 1440, and are closed where they would cover it.
   */
  async function screenshots(ada: DashboardApp, sam: DashboardApp): Promise<void> {
    for (const width of [...WIDTHS].reverse()) {
      for (const [who, app] of [["section", ada], ["panel", sam]] as const) {
        await app.page.setViewportSize({ width, height: width < 700 ? 760 : 900 });
        const close = app.page.locator("main.team-page").getByRole("button", { name: "Close chat details" });
        if (width < 1280 && (await close.count()) > 0) await close.click();
        await app.page.locator(".team-room .message-list").waitFor();
        await app.page.screenshot({ path: `${SHOTS}/team-${who}-${width}.png`, animations: "disabled" });
        expect(await overflowsSideways(app.page), `${who} at ${width}`).toEqual([]);
      }
    }
    expect(await serious(ada.page)).toEqual([]);
    expect(await serious(sam.page)).toEqual([]);
    for (const app of [ada, sam]) await app.page.setViewportSize({ width: 1440, height: 900 });
  }
});
