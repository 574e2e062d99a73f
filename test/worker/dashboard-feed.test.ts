import { describe, expect, it } from "vitest";
import { SESSIONS_PAGE_MAX, type Customer } from "../../src/protocol";
import { createAgent, DashboardSocket, type TestAgent } from "./agents";
import { createSite, startSession, TestSocket, type TestSite } from "./helpers";
import { REPORTED } from "./reported";

/** A visitor who wrote once, so the lobby lists them as waiting (the bot is off). */
async function waitingVisitor(site: TestSite, watcher: DashboardSocket) {
  const visitor = await startSession(site);
  const room = await TestSocket.open(visitor.session_id, visitor.visitor_token);
  room.send({ type: "message", client_msg_id: "first", content: "hello?" });
  await watcher.next("new_session", (f) => f.data.customer.customer_id === visitor.visitor_id);
  return { visitor, room, target: { customer_id: visitor.visitor_id, page_id: site.siteId } };
}

async function relevantDashboard(agent: TestAgent, batch = false): Promise<DashboardSocket> {
  const dashboard = await DashboardSocket.open(agent);
  dashboard.send({ type: "set_feed", data: { messages: "relevant", batch } });
  // Frames of one socket are handled in order: once this answers, the feed is set.
  await dashboard.request({ type: "get_agents", data: {} }, "agents");
  return dashboard;
}

describe("the relevant feed (SPEC §7)", () => {
  it("sends others' customers as coalesced session_updated, and own, waiting and viewed ones as new_message", async () => {
    const site = await createSite({ botEnabled: false });
    const ada = await createAgent(site, { name: "Ada" });
    const sam = await createAgent(site, { name: "Sam" });
    const lee = await createAgent(site, { name: "Lee" });
    const adaDash = await relevantDashboard(ada);
    const samDash = await relevantDashboard(sam);
    const leeDash = await DashboardSocket.open(lee);

    const { visitor, room, target } = await waitingVisitor(site, leeDash);
    const fromVisitor = (dash: DashboardSocket, content: string) =>
      dash.of("new_message").filter((f) => f.data.customer_id === visitor.visitor_id && f.data.message.content === content);
    // Waiting customers are relevant to everyone.
    await adaDash.until(() => fromVisitor(adaDash, "hello?").length === 1, "the waiting customer's message");

    await samDash.request({ type: "assign_agent", data: target }, "agent_assigned");
    await adaDash.next("agent_assignment_changed");
    // The first report's frames (new_session, agent_requested) carried the customer already: no
    // session_updated for it. (The assignment's "joined" line brings one, after the change.)
    const types = adaDash.frames.map((frame) => frame.type);
    expect(types.slice(0, types.indexOf("agent_assignment_changed"))).not.toContain("session_updated");
    const burst = Array.from({ length: 10 }, (_, i) => `for sam ${i}`);
    for (const [i, content] of burst.entries()) room.send({ type: "message", client_msg_id: `m-${i}`, content });

    const updatesAt = (dash: DashboardSocket) => dash.of("session_updated").filter((f) => f.data.customer.customer_id === visitor.visitor_id);
    const latest = (dash: DashboardSocket): Customer | undefined => updatesAt(dash).at(-1)?.data.customer;
    const stored = () =>
      leeDash
        .of("new_message")
        .map((f) => f.data.message)
        .filter((message) => message.sender_id === visitor.visitor_id);
    // The default feed still gets every message as it is reported; the last stored one is the preview.
    await leeDash.until(() => stored().length === 1 + burst.length, "every message on the default feed", REPORTED.timeout);
    const last = stored().reduce((a, b) => (b.seq > a.seq ? b : a));
    await adaDash.until(() => latest(adaDash)?.last_message === last.content, "the latest preview", REPORTED.timeout);
    await samDash.until(() => latest(samDash)?.last_message === last.content, "the latest preview", REPORTED.timeout);

    expect(latest(adaDash)).toMatchObject({ status: "assigned", agent_id: sam.id, is_assigned_to_me: false, unread_count: 11 });
    expect(latest(samDash)).toMatchObject({ status: "assigned", agent_id: sam.id, is_assigned_to_me: true });
    // Coalesced: far fewer list updates than messages (one per report, reports a window apart).
    expect(updatesAt(adaDash).length).toBeLessThanOrEqual(5);
    // Sam's own customer comes message by message; Ada, who neither owns nor views it, got none.
    expect(burst.every((content) => fromVisitor(samDash, content).length === 1)).toBe(true);
    expect(burst.some((content) => fromVisitor(adaDash, content).length > 0)).toBe(false);
    // The default feed keeps today's frames and never sees the relevant feed's.
    expect(leeDash.of("session_updated")).toEqual([]);

    // Viewing the conversation brings its messages and its typing.
    adaDash.send({ type: "view_customer", data: { customer_id: visitor.visitor_id } });
    await adaDash.request({ type: "get_agents", data: {} }, "agents");
    room.send({ type: "typing", is_typing: true });
    expect((await adaDash.next("typing")).data).toMatchObject({ customer_id: visitor.visitor_id, is_typing: true });
    room.send({ type: "message", client_msg_id: "viewed", content: "while Ada looks" });
    await adaDash.until(() => fromVisitor(adaDash, "while Ada looks").length === 1, "the viewed customer's message", REPORTED.timeout);

    adaDash.send({ type: "unview_customer", data: { customer_id: visitor.visitor_id } });
    await adaDash.request({ type: "get_agents", data: {} }, "agents");
    room.send({ type: "typing", is_typing: false });
    await leeDash.next("typing", (f) => !f.data.is_typing);
    // The lobby wrote Lee's frame before it read this request, so Ada's would be here by its answer.
    await adaDash.request({ type: "get_agents", data: {} }, "agents");
    expect(adaDash.of("typing").map((f) => f.data.is_typing)).toEqual([true]);
    expect(samDash.of("typing")).toEqual([]);
    expect(leeDash.of("typing").map((f) => f.data.is_typing)).toEqual([true, false]);
  });
});

describe("batches (set_feed batch)", () => {
  it("bring a lobby event's frames in one socket message, the same frames in the same order as one by one", async () => {
    const site = await createSite({ botEnabled: false });
    const ada = await createAgent(site, { name: "Ada" });
    const lee = await createAgent(site, { name: "Lee" });
    const batched = await relevantDashboard(ada, true);
    const single = await relevantDashboard(lee);
    const before = { batched: batched.frames.length, single: single.frames.length };

    // A visitor's first message with the bot off: a new session asking for a human, and its lines.
    const { target } = await waitingVisitor(site, single);
    await batched.until(() => batched.frames.length > before.batched, "the batch");
    const batch = batched.frames[before.batched]!;
    const count = batch.type === "batch" ? batch.data.frames.length : 1;
    await single.until(() => single.frames.length >= before.single + count, "as many frames one by one");
    const oneByOne = single.frames.slice(before.single);
    expect(oneByOne.map((frame) => frame.type)).toEqual(expect.arrayContaining(["new_session", "agent_requested", "customer_stop_status_changed", "new_message"]));
    expect(batched.frames.slice(before.batched)).toEqual([{ type: "batch", data: { frames: oneByOne } }]);

    // A request's answer is never inside a batch: it comes on its own, after the event it caused.
    const answer = await batched.request({ type: "assign_agent", data: target }, "agent_assigned");
    expect(answer.data.customer.is_assigned_to_me).toBe(true);
    const after = batched.frames.slice(before.batched + 1);
    // The assignment itself is one frame; the room's "joined" line that follows is one batch.
    expect(after.map((frame) => frame.type)).toEqual(["agent_assignment_changed", "batch", "agent_assigned"]);
    const joined = after[1]!.type === "batch" ? after[1]!.data.frames.map((frame) => frame.type) : [];
    expect(joined).toEqual(["new_message", "session_updated"]);
  });
});

describe("viewer fields of a shared event", () => {
  it("give each agent their own unread count: a reader's from their cursor, everyone else's all of it", async () => {
    const site = await createSite({ botEnabled: false });
    const ada = await createAgent(site, { name: "Ada" });
    const sam = await createAgent(site, { name: "Sam" });
    const adaDash = await relevantDashboard(ada);
    const samDash = await relevantDashboard(sam);
    const { visitor, room, target } = await waitingVisitor(site, adaDash);
    const firstSeq = (await samDash.next("new_message", (f) => f.data.customer_id === visitor.visitor_id)).data.message.seq;
    samDash.send({ type: "mark_read", data: { ...target, seq: firstSeq } });
    await samDash.next("read");

    room.send({ type: "message", client_msg_id: "second", content: "anyone?" });
    const updated = (dash: DashboardSocket) => () =>
      dash.of("session_updated").some((f) => f.data.customer.customer_id === visitor.visitor_id && f.data.customer.last_message === "anyone?");
    await adaDash.until(updated(adaDash), "Ada's update", REPORTED.timeout);
    await samDash.until(updated(samDash), "Sam's update", REPORTED.timeout);
    const unreadAt = (dash: DashboardSocket) => dash.of("session_updated").at(-1)!.data.customer.unread_count;
    expect([unreadAt(adaDash), unreadAt(samDash)]).toEqual([2, 1]);
  });
});

describe("the live list's pages", () => {
  it("lists waiting customers first, then the agent's own, then the rest, each once across keyset pages", async () => {
    const site = await createSite({ botEnabled: false });
    const ada = await createAgent(site, { name: "Ada" });
    const sam = await createAgent(site, { name: "Sam" });
    const adaDash = await DashboardSocket.open(ada);
    const samDash = await DashboardSocket.open(sam);
    const visitors = [];
    for (let i = 0; i < 6; i++) visitors.push(await waitingVisitor(site, adaDash));
    for (const { target } of visitors.slice(0, 2)) await adaDash.request({ type: "assign_agent", data: target }, "agent_assigned");
    await samDash.request({ type: "assign_agent", data: visitors[2]!.target }, "agent_assigned");

    const pages: Customer[][] = [];
    let cursor: string | undefined;
    do {
      const page = await adaDash.request({ type: "get_sessions", data: { limit: 2, ...(cursor ? { cursor } : {}) } }, "sessions");
      pages.push(page.data.customers);
      cursor = page.data.next_cursor ?? undefined;
    } while (cursor && pages.length < 10);
    const listed = pages.flat();

    expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(new Set(listed.map((c) => c.customer_id)).size).toBe(6);
    expect(listed.map((c) => (c.status === "waiting" ? "waiting" : c.is_assigned_to_me ? "mine" : "others"))).toEqual([
      "waiting",
      "waiting",
      "waiting",
      "mine",
      "mine",
      "others",
    ]);
    const waitingSince = listed.slice(0, 3).map((c) => c.waiting_since!);
    expect(waitingSince).toEqual([...waitingSince].sort());

    const waitingOnly = await adaDash.request({ type: "get_sessions", data: { filter: "waiting", limit: SESSIONS_PAGE_MAX } }, "sessions");
    expect(waitingOnly.data).toMatchObject({ filter: "waiting", next_cursor: null });
    expect(waitingOnly.data.customers.map((c) => c.customer_id)).toEqual(listed.slice(0, 3).map((c) => c.customer_id));
  });

  it("refuses a cursor it did not give out and a page larger than the limit, with an error frame", async () => {
    const site = await createSite({ botEnabled: false });
    const ada = await createAgent(site);
    const dash = await DashboardSocket.open(ada);
    for (const cursor of ["not-a-cursor", btoa(JSON.stringify(["nowhere", 1, "x"]))]) {
      const error = await dash.request({ type: "get_sessions", data: { cursor } }, "error");
      expect(error).toMatchObject({ code: "invalid_frame" });
    }
    const tooMany = await dash.request({ type: "get_sessions", data: { limit: SESSIONS_PAGE_MAX + 1 } }, "error");
    expect(tooMany).toMatchObject({ code: "invalid_frame" });
  });
});
