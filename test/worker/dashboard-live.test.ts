import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { PRESENCE_GRACE_MS } from "../../src/objects/agent-lobby/presence";
import { createAgent, DashboardSocket } from "./agents";
import { failD1Calls } from "./d1-failures";
import { createSite, request, startSession, TestSocket, type TestSite } from "./helpers";

const lobbyOf = (site: TestSite) => env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));

/** Ends the one grace period under way once the lobby has handled the close that started it. */
async function endGracePeriod(site: TestSite): Promise<void> {
  await vi.waitFor(() =>
    runInDurableObject(lobbyOf(site), (_, state) => {
      const leaving = [...state.storage.kv.list({ prefix: "leaving:" })];
      expect(leaving).toHaveLength(1);
      state.storage.kv.put(leaving[0]![0], Date.now() - 1);
    }),
  );
}

/** The workspace's presence record in D1 (SPEC §12), what session init reads. */
const agentsAvailable = async (site: TestSite) =>
  (await env.DB.prepare("SELECT agents_available FROM workspaces WHERE id = ?").bind(site.workspaceId).first<number>("agents_available")) === 1;

describe("agent presence", () => {
  it("shows an agent online on any tab, keeps them online through a reload, and offline after the grace period", async () => {
    const site = await createSite();
    const ada = await createAgent(site, { name: "Ada" });
    const sam = await createAgent(site, { name: "Sam" });
    const watcher = await DashboardSocket.open(ada);
    const tab1 = await DashboardSocket.open(sam);
    expect((await watcher.next("agent_presence", (f) => f.data.id === sam.id)).data.online).toBe(true);
    const tab2 = await DashboardSocket.open(sam);
    expect((await tab2.next("agents")).data.agents.find((a) => a.id === sam.id)?.online).toBe(true);

    tab1.end();
    tab2.end();
    await tab2.untilClosed();
    const reload = await DashboardSocket.open(sam);
    const lobby = lobbyOf(site);
    await runDurableObjectAlarm(lobby);
    expect(watcher.of("agent_presence").filter((f) => f.data.id === sam.id).map((f) => f.data.online)).toEqual([true]);

    reload.end();
    await reload.untilClosed();
    await endGracePeriod(site);
    await runDurableObjectAlarm(lobby);
    expect((await watcher.next("agent_presence", (f) => f.data.id === sam.id && !f.data.online)).data).toEqual({
      id: sam.id,
      name: "Sam",
      role: "agent",
      online: false,
      away: false,
    });
    expect(PRESENCE_GRACE_MS).toBeGreaterThanOrEqual(5_000);
  });

  it("records the departure at once and announces it later when D1 cannot list the agents as the grace period ends", async () => {
    const site = await createSite();
    const ada = await createAgent(site, { name: "Ada" });
    const sam = await createAgent(site, { name: "Sam" });
    const watcher = await DashboardSocket.open(ada);
    // Ada watches but is away: Sam alone makes the workspace available.
    watcher.send({ type: "set_presence", data: { away: true } });
    await watcher.next("agent_presence", (f) => f.data.id === ada.id && f.data.away);
    const tab = await DashboardSocket.open(sam);
    await watcher.next("agent_presence", (f) => f.data.id === sam.id && f.data.online);
    expect(await agentsAvailable(site)).toBe(true);

    tab.end();
    await tab.untilClosed();
    await endGracePeriod(site);
    const failure = failD1Calls({ how: "unreachable", matching: 'from \\"agents\\"' });
    try {
      await runDurableObjectAlarm(lobbyOf(site));
    } finally {
      failure.restore();
    }
    expect(failure.failed()).toBe(1);
    expect(await agentsAvailable(site)).toBe(false);
    expect(watcher.of("agent_presence").filter((f) => f.data.id === sam.id).map((f) => f.data.online)).toEqual([true]);
    // The announcement is due again a few seconds later; made due now.
    await runInDurableObject(lobbyOf(site), (_, state) => {
      for (const [key] of state.storage.kv.list({ prefix: "unannounced:" })) state.storage.kv.put(key, Date.now() - 1);
    });
    await runDurableObjectAlarm(lobbyOf(site));
    expect((await watcher.next("agent_presence", (f) => f.data.id === sam.id && !f.data.online)).data).toMatchObject({ name: "Sam", online: false });
    expect(await agentsAvailable(site)).toBe(false);
    watcher.end();
  });
});

describe("unread counts", () => {
  it("count visitor messages per agent and drop when that agent reads, on every tab", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const room = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const sam = await createAgent(site);
    const lee = await createAgent(site);
    const samTab1 = await DashboardSocket.open(sam);
    const samTab2 = await DashboardSocket.open(sam);
    const leeDash = await DashboardSocket.open(lee);
    for (let i = 0; i < 3; i++) room.send({ type: "message", client_msg_id: `u-${i}`, content: `question ${i}` });
    const questions = () => samTab1.of("new_message").filter((f) => f.data.message.sender_type === "user");
    await samTab1.until(() => questions().length === 3, "all three questions");

    const target = { customer_id: visitor.visitor_id, page_id: site.siteId };
    const before = await samTab1.request({ type: "get_sessions", data: {} }, "sessions");
    expect(before.data.customers[0]!.unread_count).toBe(3);
    // Read up to the second question by seq (a burst may be stored in another order in the pool).
    const secondQuestion = questions().map((f) => f.data.message.seq).sort((a, b) => a - b)[1]!;
    samTab1.send({ type: "mark_read", data: { ...target, seq: secondQuestion } });
    expect((await samTab2.next("read")).data).toEqual({ ...target, unread_count: 1 });
    expect((await room.next("read", (f) => f.sender_type === "agent")).seq).toBe(secondQuestion);
    const leeView = await leeDash.request({ type: "get_sessions", data: {} }, "sessions");
    expect(leeView.data.customers[0]!.unread_count).toBe(3);

    samTab1.send({ type: "typing", data: { ...target, is_typing: true } });
    expect(await room.next("typing")).toMatchObject({ sender_type: "agent", is_typing: true });
    room.send({ type: "typing", is_typing: true });
    expect((await leeDash.next("typing")).data).toMatchObject({ ...target, sender_type: "user", is_typing: true });
  });
});

describe("session filters over the socket", () => {
  it("lists open sessions by waiting, mine, bot and site", async () => {
    const site = await createSite();
    const sam = await createAgent(site);
    const dashboard = await DashboardSocket.open(sam);
    const botOnly = await startSession(site);
    await request(`/api/chat/${botOnly.session_id}/messages`, { token: botOnly.visitor_token, body: { content: "shipping?" } });
    const waiting = await startSession(site);
    await request(`/api/chat/${waiting.session_id}/escalate`, { token: waiting.visitor_token, body: { reason: "x" } });
    const mine = await startSession(site);
    await request(`/api/chat/${mine.session_id}/escalate`, { token: mine.visitor_token, body: { reason: "y" } });
    await dashboard.request({ type: "assign_agent", data: { customer_id: mine.visitor_id, page_id: site.siteId } }, "agent_assigned");

    const ids = async (data: object) =>
      (await dashboard.request({ type: "get_sessions", data }, "sessions")).data.customers.map((c) => c.customer_id);
    expect(await ids({ filter: "waiting" })).toEqual([waiting.visitor_id]);
    expect(await ids({ filter: "mine" })).toEqual([mine.visitor_id]);
    expect(await ids({ filter: "bot" })).toEqual([botOnly.visitor_id]);
    expect(new Set(await ids({}))).toEqual(new Set([botOnly.visitor_id, waiting.visitor_id, mine.visitor_id]));
    expect(await ids({ page_id: "elsewhere" })).toEqual([]);
  });
});
