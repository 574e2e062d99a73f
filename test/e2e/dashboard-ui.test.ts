import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationDetail, ConversationListResponse, DashboardServerFrame, InboxFilter, Site } from "../../src/protocol";
import { PING, PONG } from "../../src/protocol/limits";
import { serious } from "./support/axe";
import { putText, sendTextCases } from "./support/composer-text";
import { ADA, DashboardApp, SAM, waitUntil } from "./support/dashboard-app";
import { addDemoSite } from "./support/dashboard-sites";
import { BOT_ANSWERS, NEEDS_HUMAN, TestVisitor } from "./support/dashboard-visitor";
import { useStage } from "./support/stage";

/** A keep-alive interval far below the default, so a test sees the dashboard follow the server's. */
const FAST_KEEPALIVE_MS = 1_000;

/**
 * The agent dashboard in a real Chromium against a real `wrangler dev`: what agents see in the
 * DOM, checked against what the server stored. Visitors are driven over the public widget API.
 */
describe("agent dashboard", () => {
  const stage = useStage();
  let sam: DashboardApp;
  let ada: DashboardApp;
  let coffee: Site;

  const listIds = async (app: DashboardApp, filter: InboxFilter, siteId?: string): Promise<string[]> => {
    const site = siteId ? `&site_id=${siteId}` : "";
    const page = await app.api<ConversationListResponse>(`/api/conversations?filter=${filter}&limit=100${site}`);
    return page.conversations.map((conversation) => conversation.id);
  };
  const textOf = async (locator: { textContent(): Promise<string | null> }) => (await locator.textContent()) ?? "";

  beforeAll(async () => {
    coffee = await addDemoSite(stage.server, { name: "Contoso Coffee", botEnabled: false });
    sam = await DashboardApp.open(stage.browser, stage.server);
    await sam.logInAndWait(SAM.email);
    ada = await DashboardApp.open(stage.browser, stage.server);
    await ada.logInAndWait(ADA.email);
  });


  it("says why a login failed, logs in, and logs out for good", async () => {
    const app = await DashboardApp.open(stage.browser, stage.server);
    await app.logIn(SAM.email, "not-the-password");
    const alert = app.page.locator(".form-error");
    await waitUntil(() => textOf(alert), (text) => text.includes("don't match"), "login error");
    expect(await app.page.getByRole("tablist", { name: "Inbox views" }).count()).toBe(0);

    await app.logInAndWait(SAM.email);
    expect(await textOf(app.page.locator(".top-bar"))).toContain("Sam Support");
    expect(await textOf(app.page.locator(".top-bar__workspace"))).toBe("Demo");
    const cookie = await app.cookie();
    const me = () => fetch(`${stage.server.origin}/api/auth/me`, { headers: { Cookie: cookie } });
    expect((await me()).status).toBe(200);

    await app.page.getByRole("button", { name: "Log out", exact: true }).click();
    await app.page.getByRole("button", { name: "Log in", exact: true }).waitFor();
    expect((await me()).status).toBe(401);
    await app.page.reload();
    await app.page.getByRole("button", { name: "Log in", exact: true }).waitFor();
    await app.close();
  });

  it("signs out every tab of a sign-in when the agent logs out in one, and says why in the others", async () => {
    const first = await DashboardApp.open(stage.browser, stage.server);
    await first.logInAndWait(SAM.email);
    // A second tab of the same browser: same cookie, same sign-in, with a conversation open.
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    const second = await first.context.newPage();
    await second.goto(`${stage.server.origin}/dashboard/#/c/${visitor.sessionId}`);
    await second.locator(".team-presence").waitFor();
    await second.locator(".message__text", { hasText: NEEDS_HUMAN }).waitFor();
    await second.evaluate(() => Object.assign(window, { sameDocument: true }));

    await first.page.getByRole("button", { name: "Log out", exact: true }).click();
    await first.page.getByRole("button", { name: "Log in", exact: true }).waitFor();
    await second.locator(".form-notice", { hasText: "You signed out in another tab." }).waitFor({ timeout: 5_000 });
    expect(await second.evaluate(() => "sameDocument" in window)).toBe(true);
    expect(await first.page.locator(".form-notice").count()).toBe(0);
    expect(await second.getByRole("textbox", { name: "Work email" }).evaluate((field) => field === document.activeElement)).toBe(true);
    await first.close();
  });

  it("turns away a dashboard beyond the tabs allowed, says so, and lets it in once a tab is closed", async () => {
    const app = await DashboardApp.open(stage.browser, stage.server);
    await app.logInAndWait(SAM.email);
    const tabs = [app.page];
    const live = (page: Page) => page.locator(".team-presence");
    const refused = (page: Page) => page.getByRole("alert").filter({ hasText: "Parley is open in too many tabs" });
    let turnedAway: Page | null = null;
    // Sam already has dashboards open elsewhere; a few more tabs reach the cap.
    while (!turnedAway && tabs.length <= 6) {
      const tab = await app.context.newPage();
      await tab.goto(`${stage.server.origin}/dashboard/`);
      await live(tab).or(refused(tab)).waitFor();
      if (await refused(tab).isVisible()) turnedAway = tab;
      else tabs.push(tab);
    }
    expect(turnedAway).not.toBeNull();
    expect(await serious(turnedAway!)).toEqual([]);

    await tabs.pop()!.close();
    await turnedAway!.getByRole("button", { name: "Reload", exact: true }).click();
    await live(turnedAway!).waitFor();
    expect(await refused(turnedAway!).count()).toBe(0);
    await app.close();
  });

  it("shows a new session live, ticks its wait, counts unread, and chats both ways in real time", async () => {
    await sam.page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await sam.context.grantPermissions(["notifications"], { origin: stage.server.origin });
    await sam.setAlert("New requests", true);
    expect(await sam.page.getByRole("button", { name: "Alerts", exact: true }).getAttribute("title")).toBe("Alerts on for new requests");
    await sam.showTab("Open");
    const titleBefore = await sam.titleCount();
    const visitor = await TestVisitor.start(stage.server, { context: { url: "https://shop.example/cart", title: "Your cart" } });
    const room = await visitor.connect();
    room.send({ type: "message", client_msg_id: "v-1", content: NEEDS_HUMAN });

    const row = sam.row(visitor.sessionId);
    await row.waitFor();
    // Its own notice, or counted into one still showing for an earlier test's request.
    await sam.page.locator(".notice--request", { hasText: /is waiting for a human|\d+ new requests/ }).waitFor();
    await waitUntil(() => textOf(row), (text) => text.includes("Waiting"), "row shows the escalation");
    const stored = async () => (await sam.api<ConversationDetail>(`/api/conversations/${visitor.sessionId}`)).conversation.last_message;
    await waitUntil(async () => [await textOf(row.locator(".inbox-row__preview")), await stored()], ([shown, saved]) => shown === saved, "preview is the stored last message");
    expect(await textOf(row.locator(".inbox-row__unread"))).toBe("1 unread");
    expect(await sam.titleCount()).toBe(titleBefore + 1);

    const timer = row.locator(".waiting-timer time");
    const seconds = (text: string) => text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
    const firstReading = await textOf(timer);
    const laterReading = await waitUntil(() => textOf(timer), (text) => seconds(text) > seconds(firstReading), "waiting timer ticks", 4_000);
    expect(seconds(laterReading)).toBeGreaterThan(seconds(firstReading));

    room.send({ type: "message", client_msg_id: "v-2", content: "It should be 12 Elm Street" });
    await waitUntil(() => textOf(row.locator(".inbox-row__unread")), (text) => text === "2 unread", "second unread");
    expect(await textOf(row.locator(".inbox-row__preview"))).toBe("It should be 12 Elm Street");
    // The title counts conversations that need the agent, not messages.
    expect(await sam.titleCount()).toBe(titleBefore + 1);

    await sam.openConversation(visitor.sessionId);
    await sam.message(NEEDS_HUMAN).waitFor();
    await sam.message("It should be 12 Elm Street").waitFor();
    await row.locator(".inbox-row__unread").waitFor({ state: "detached" });
    // Read, but still waiting for someone to take it: it still needs an agent.
    expect(await sam.titleCount()).toBe(titleBefore + 1);
    const lastVisitorSeq = room.of("message").find((f) => f.message.client_msg_id === "v-2")!.message.seq;
    await room.next("read", (f) => f.sender_type === "agent" && f.seq >= lastVisitorSeq);

    room.send({ type: "typing", is_typing: true });
    await sam.page.getByText(/is typing…/).waitFor();

    await sam.composer.pressSequentially("Thanks!");
    await room.next("typing", (f) => f.sender_type === "agent" && f.is_typing && f.sender_name === SAM.name);
    await sam.reply("Thanks! I have updated the address.");
    const reply = await room.next("message", (f) => f.message.content === "Thanks! I have updated the address.");
    expect(reply.message).toMatchObject({ sender_type: "agent", sender_name: SAM.name, sender_id: SAM.id });
    await sam.message("Thanks! I have updated the address.").waitFor();
    await sam.page.getByText("Sending…").waitFor({ state: "detached" });
    await waitUntil(() => textOf(sam.header), (text) => text.includes("Assigned to you"), "reply assigns the customer");
    await waitUntil(() => sam.titleCount(), (count) => count === titleBefore, "title count drops once it is Sam's and read");

    room.send({ type: "message", client_msg_id: "v-3", content: "Perfect, thank you!" });
    await sam.message("Perfect, thank you!").waitFor();
    room.send({ type: "read", seq: reply.message.seq });
    await sam.page.locator(".message--mine .message__receipt", { hasText: "Seen" }).waitFor();

    const history = await visitor.history();
    expect(history.filter((m) => m.sender_type !== "system").map((m) => [m.sender_type, m.content])).toEqual([
      ["user", NEEDS_HUMAN],
      ["user", "It should be 12 Elm Street"],
      ["agent", "Thanks! I have updated the address."],
      ["user", "Perfect, thank you!"],
    ]);
    expect(await sam.page.evaluate(() => "sameDocument" in window)).toBe(true);
    visitor.close();
  });

  it("lets one agent take a customer; the other sees who has it and cannot reply in it", async () => {
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    for (const app of [sam, ada]) {
      await app.showTab("Waiting");
      await app.openConversation(visitor.sessionId);
    }
    await sam.page.getByRole("button", { name: "Take over", exact: true }).click();
    await waitUntil(() => textOf(sam.header), (text) => text.includes("Assigned to you"), "Sam holds the customer");
    await waitUntil(() => textOf(ada.header), (text) => text.includes("Assigned to Sam Support"), "Ada sees who holds it");
    expect(await textOf(sam.page.getByRole("region", { name: "Team" }))).toContain("Ada Admin, online");
    await ada.showTab("Open");
    await waitUntil(() => textOf(ada.row(visitor.sessionId).locator(".inbox-row__assignee")), (text) => text.includes("Sam Support"), "list shows assignee");
    expect(await textOf(ada.page.locator(".composer__held"))).toContain("Sam Support is handling this conversation");
    expect(await ada.composer.isEditable()).toBe(false);
    const detail = await ada.api<ConversationDetail>(`/api/conversations/${visitor.sessionId}`);
    expect(detail.conversation.agent).toEqual({ id: SAM.id, name: SAM.name });

    await sam.page.getByRole("button", { name: "Transfer", exact: true }).click();
    await sam.page.getByRole("button", { name: /^Ada Admin/ }).click();
    await waitUntil(() => textOf(ada.header), (text) => text.includes("Assigned to you"), "transfer reaches Ada");
    await waitUntil(() => textOf(sam.header), (text) => text.includes("Assigned to Ada Admin"), "Sam sees the transfer");
    await waitUntil(async () => (await visitor.history()).map((m) => m.content), (all) => all.includes("Ada Admin joined the conversation"), "visitor told");

    await ada.page.getByRole("button", { name: "Release", exact: true }).click();
    await waitUntil(() => textOf(sam.header), (text) => text.includes("Waiting") && !text.includes("Assigned"), "released to waiting");
    expect((await ada.api<ConversationDetail>(`/api/conversations/${visitor.sessionId}`)).conversation.status).toBe("waiting");

    await ada.page.getByRole("button", { name: "Close", exact: true }).click();
    await waitUntil(() => textOf(sam.header), (text) => text.includes("Closed"), "closed for everyone");
    await ada.row(visitor.sessionId).waitFor({ state: "detached" });
    expect(await listIds(ada, "closed")).toContain(visitor.sessionId);
    await sam.showTab("Closed");
    await sam.row(visitor.sessionId).waitFor();
  });

  it("filters by view and by site exactly as the server does", async () => {
    const botVisitor = await TestVisitor.start(stage.server);
    await botVisitor.say(BOT_ANSWERS);
    const coffeeVisitor = await TestVisitor.start(stage.server, { siteKey: coffee.site_key });
    await coffeeVisitor.say("Do you sell decaf beans?");
    await sam.showTab("Open");
    await sam.row(botVisitor.sessionId).waitFor();
    await sam.row(coffeeVisitor.sessionId).waitFor();

    const views = [
      ["Waiting", "waiting"],
      ["Mine", "mine"],
      ["Bot", "bot"],
      ["Open", "open"],
    ] as const;
    for (const [label, filter] of views) {
      await sam.showTab(label);
      const shown = await sam.rowSessionIds();
      expect(new Set(shown), label).toEqual(new Set(await listIds(sam, filter)));
      expect(await textOf(sam.tab(label).locator(".filter-tab__count")), label).toBe(String(shown.length));
    }
    await sam.showTab("Bot");
    expect(await sam.rowSessionIds()).toContain(botVisitor.sessionId);
    expect(await sam.rowSessionIds()).not.toContain(coffeeVisitor.sessionId);

    const site = sam.page.getByLabel("Show conversations of");
    await site.selectOption({ label: "Contoso Coffee" });
    await sam.showTab("Open");
    await sam.row(botVisitor.sessionId).waitFor({ state: "detached" });
    expect(new Set(await sam.rowSessionIds())).toEqual(new Set(await listIds(sam, "open", coffee.id)));
    expect(await sam.rowSessionIds()).toContain(coffeeVisitor.sessionId);

    await site.selectOption({ label: "Northwind Outfitters" });
    await sam.showTab("Closed");
    const closed = await listIds(sam, "closed", "site_demo");
    expect(closed.length).toBeGreaterThan(0);
    await waitUntil(() => sam.rowSessionIds(), (ids) => ids.join() === closed.join(), "closed list matches REST");
    await site.selectOption({ label: "All sites" });
  });

  it("shows who the visitor is: identity, page, device, local time and earlier conversations", async () => {
    const user = { id: "u-panel", name: "Maria Gonzalez", email: "maria@example.com" };
    const laptop = await TestVisitor.start(stage.server);
    await laptop.identify(user);
    await laptop.say("Do you accept returns on sale items?");
    const phone = await TestVisitor.start(stage.server, {
      context: { url: "https://shop.example/orders/10482", title: "Order #10482", referrer: "https://mail.example.com/", timezone: "Asia/Tokyo", locale: "ja-JP" },
      userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    });
    await phone.identify(user);
    await phone.say(NEEDS_HUMAN);

    await sam.showTab("Open");
    await sam.openConversation(phone.sessionId);
    const panel = sam.page.getByRole("complementary", { name: "Visitor details" });
    await panel.getByText(user.email).waitFor();
    const { visitor } = await sam.api<ConversationDetail>(`/api/conversations/${phone.sessionId}`);
    const text = await textOf(panel);
    for (const shown of [user.name, "Verified user", visitor!.page_title!, "shop.example/orders/10482", "mail.example.com", `${visitor!.browser} on ${visitor!.os}`]) {
      expect(text).toContain(shown);
    }
    const spaced = (value: string) => value.replace(/\s/g, " ");
    const tokyo = (at: number) => spaced(new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "Asia/Tokyo" }).format(at));
    expect([tokyo(Date.now()), tokyo(Date.now() - 60_000)].some((time) => spaced(text).includes(time))).toBe(true);
    await panel.locator(`a[href="#/c/${laptop.sessionId}"]`).click();
    await sam.message("Do you accept returns on sale items?").waitFor();
  });

  it("counts, clips and refuses replies exactly as the server does (TEXT_CASES)", async () => {
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    await sam.showTab("Waiting");
    await sam.openConversation(visitor.sessionId);
    const composer = sam.page.locator("form.composer");
    const sent = await sendTextCases(sam.composer, async () => ({
      sendable: await composer.getByRole("button", { name: "Send" }).isEnabled(),
      counter: (await composer.locator(".composer__count").allTextContents())[0] ?? null,
      broken: await composer.locator(".composer__problem").isVisible(),
    }));

    const replies = async () => (await visitor.history()).filter((m) => m.sender_type === "agent").map((m) => m.content);
    await waitUntil(replies, (contents) => contents.length >= sent.length, "every accepted reply is stored", 20_000);
    expect(await replies()).toEqual(sent);
    await putText(sam.composer, "");
  });

  it("lets an agent set themself away: colleagues see it, and it holds across a reload", async () => {
    const status = sam.page.locator(".status-menu__trigger");
    const team = ada.page.getByRole("region", { name: "Team" });
    await waitUntil(() => textOf(status), (text) => text.includes("Available"), "Sam starts available");
    await status.click();
    expect(await serious(sam.page)).toEqual([]);
    await sam.page.getByRole("button", { name: "Away", exact: true }).click();
    await waitUntil(() => textOf(status), (text) => text.includes("Away"), "Sam's own status");
    await waitUntil(() => textOf(team), (text) => text.includes("Sam Support, away"), "Ada sees Sam away");
    expect(await textOf(team)).toContain("1 away");

    await sam.page.reload();
    await sam.page.locator(".team-presence").waitFor();
    await waitUntil(() => textOf(status), (text) => text.includes("Away"), "still away after a reload");

    // Back to available with the keyboard alone: the menu opens on the current choice.
    await status.focus();
    await sam.page.keyboard.press("Enter");
    const focused = () => sam.page.evaluate(() => document.activeElement?.querySelector(".status-menu__label")?.textContent ?? "");
    await waitUntil(focused, (label) => label === "Away", "focus on the current choice");
    await sam.page.keyboard.press("ArrowUp");
    await sam.page.keyboard.press("Enter");
    await waitUntil(() => textOf(team), (text) => text.includes("Sam Support, online"), "Ada sees Sam available again");
    expect(await status.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await status.getAttribute("aria-expanded")).toBe("false");
  });

  it("pings at the server's keep-alive interval and notices a connection that stopped answering", async () => {
    const app = await DashboardApp.open(stage.browser, stage.server);
    const pings: number[] = [];
    let answering = true;
    let sockets = 0;
    await app.page.routeWebSocket(/\/api\/dashboard\/ws/, (socket) => {
      // The first socket gets a short keep-alive interval; later ones are left hanging, so the
      // banner stays up once the dashboard has given up on the first.
      if (++sockets > 1) return;
      const server = socket.connectToServer();
      socket.onMessage((message) => {
        if (message === PING) pings.push(Date.now());
        if (message !== PING || answering) server.send(message);
      });
      server.onMessage((message) => {
        const frame = message === PONG ? null : (JSON.parse(String(message)) as DashboardServerFrame);
        if (frame?.type !== "connected") return socket.send(message);
        socket.send(JSON.stringify({ ...frame, data: { ...frame.data, limits: { ...frame.data.limits, keepalive_ms: FAST_KEEPALIVE_MS } } }));
      });
    });
    await app.page.reload();
    await app.logInAndWait(SAM.email);
    await waitUntil(async () => pings.length, (count) => count >= 3, "pings at the server's interval", 5_000);

    answering = false;
    const silentSince = Date.now();
    await app.page.getByText("Connection lost.").waitFor({ timeout: 15_000 });
    // Given up at the tick after two unanswered pings (at most 3 × 1 s), far below the default's 30 s.
    expect(Date.now() - silentSince).toBeLessThan(12_000);
    await app.close();
  });

  it("works with the keyboard, at tablet width, and without serious accessibility issues", async () => {
    await sam.showTab("Waiting");
    await sam.tab("Waiting").focus();
    await sam.page.keyboard.press("ArrowRight");
    expect(await sam.tab("Mine").getAttribute("aria-selected")).toBe("true");
    expect(await sam.page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Mine/);

    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(BOT_ANSWERS);
    await sam.showTab("Open");
    await sam.openConversation(visitor.sessionId);
    await sam.message(BOT_ANSWERS).waitFor();
    expect(await serious(sam.page)).toEqual([]);
    const loginPage = await DashboardApp.open(stage.browser, stage.server);
    await loginPage.page.getByRole("button", { name: "Log in", exact: true }).waitFor();
    expect(await serious(loginPage.page)).toEqual([]);
    await loginPage.close();

    await sam.page.setViewportSize({ width: 820, height: 1180 });
    expect(await sam.page.locator(".inbox-list").isVisible()).toBe(true);
    expect(await sam.composer.isVisible()).toBe(true);
    const panel = sam.page.getByRole("complementary", { name: "Visitor details" });
    await panel.waitFor({ state: "hidden" });
    await sam.page.getByRole("button", { name: "Visitor details", exact: true }).click();
    await panel.waitFor({ state: "visible" });
    await sam.page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    await sam.page.setViewportSize({ width: 1440, height: 900 });
  });

  it("reconnects after the server restarts and catches up on what it missed", async () => {
    await sam.showTab("Open");
    await stage.server.pause();
    await sam.page.getByText("Connection lost.").waitFor();
    await stage.server.resume();
    const visitor = await TestVisitor.start(stage.server);
    await visitor.say(NEEDS_HUMAN);
    await sam.row(visitor.sessionId).waitFor({ timeout: 40_000 });
    await sam.page.getByText("Connection lost.").waitFor({ state: "detached" });
    await visitor.say("Are you there?");
    await waitUntil(() => textOf(sam.row(visitor.sessionId).locator(".inbox-row__preview")), (text) => text === "Are you there?", "live after reconnect");
  });
});
