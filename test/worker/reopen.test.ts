import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { SYSTEM_EVENTS, type HistoryResponse } from "../../src/protocol";
import { agentRequest, createAgent, DashboardSocket, type TestAgent } from "./agents";
import { createSite, request, startSession, TestSocket, type TestSite, type Visitor } from "./helpers";
import { REPORTED } from "./reported";

const target = (site: TestSite, visitor: Visitor) => ({ customer_id: visitor.visitor_id, page_id: site.siteId });

/** A conversation that an agent took over and then closed; the visitor's socket stays open. */
async function closedByAgent(site: TestSite, agent: TestAgent) {
  const visitor = await startSession(site);
  const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
  const dashboard = await DashboardSocket.open(agent);
  socket.send({ type: "escalate", reason: "Order arrived damaged" });
  await dashboard.next("agent_requested", (f) => f.data.customer_id === visitor.visitor_id);
  await dashboard.request({ type: "assign_agent", data: target(site, visitor) }, "agent_assigned");
  await dashboard.request({ type: "close_session", data: target(site, visitor) }, "session_closed");
  await socket.next("status", (f) => f.status === "closed");
  return { visitor, socket, dashboard };
}

/**
 * The conversation's escalations once the turn that stored `seq` is done: its D1 write, the
 * escalations included, is the turn's last step.
 */
async function escalationsAfter(visitor: Visitor, seq: number): Promise<number> {
  await vi.waitFor(async () => {
    const row = await env.DB.prepare("SELECT last_seq FROM conversations WHERE id = ?").bind(visitor.session_id).first<{ last_seq: number }>();
    expect(row!.last_seq).toBeGreaterThanOrEqual(seq);
  }, REPORTED);
  const listed = await request(`/api/chat/${visitor.session_id}/escalations`, { token: visitor.visitor_token });
  return ((await listed.json()) as { count: number }).count;
}

describe("a visitor writing into a closed conversation reopens it (SPEC §3)", () => {
  it("goes back to the agent who had it when that agent is online and not away", async () => {
    const site = await createSite({ botEnabled: false });
    const sam = await createAgent(site, { name: "Sam" });
    const { visitor, socket, dashboard } = await closedByAgent(site, sam);

    const status = socket.nextNew("status");
    const changed = dashboard.nextNew("agent_assignment_changed");
    socket.send({ type: "message", client_msg_id: "back", content: "One more thing" });
    expect(await status).toEqual({ type: "status", status: "assigned", agent: { id: sam.id, name: "Sam" } });
    const note = await socket.next("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.reopened);
    const message = await socket.next("message", (f) => f.message.client_msg_id === "back");
    expect(note.message).toMatchObject({ sender_type: "system", metadata: { status: "assigned", agent_name: "Sam" } });
    expect(note.message.seq).toBe(message.message.seq - 1);
    expect((await changed).data).toMatchObject({ action: "assigned", agent_id: sam.id, customer: { status: "assigned", is_assigned_to_me: true } });
    await dashboard.next("new_message", (f) => f.data.message.client_msg_id === "back");
    expect(await escalationsAfter(visitor, message.message.seq)).toBe(1);
  });

  it("goes back to that agent the same way when the visitor asks for a human into the closed conversation", async () => {
    const site = await createSite({ botEnabled: false });
    const sam = await createAgent(site, { name: "Sam" });
    const { visitor, socket } = await closedByAgent(site, sam);
    const status = socket.nextNew("status");
    const note = socket.nextNew("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.reopened);
    socket.send({ type: "escalate", reason: "Still broken" });
    expect(await status).toMatchObject({ status: "assigned", agent: { id: sam.id } });
    const reopened = await note;
    expect(reopened.message.metadata).toMatchObject({ status: "assigned", agent_name: "Sam" });
    await socket.nextNew("escalated");
    expect(await escalationsAfter(visitor, reopened.message.seq)).toBe(2);
  });

  it("goes to the queue when the agent is away, since a human was asked for before", async () => {
    const site = await createSite({ botEnabled: false });
    const sam = await createAgent(site, { name: "Sam" });
    const { socket, dashboard } = await closedByAgent(site, sam);
    dashboard.send({ type: "set_presence", data: { away: true } });
    await dashboard.next("agent_presence", (f) => f.data.id === sam.id && f.data.away);

    const status = socket.nextNew("status");
    socket.send({ type: "message", client_msg_id: "back", content: "Hello again" });
    expect(await status).toMatchObject({ status: "waiting", agent: null });
    const note = await socket.next("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.reopened);
    expect(note.message.metadata).toEqual({ event: SYSTEM_EVENTS.reopened, status: "waiting" });
    const requested = await dashboard.next("agent_requested", (f) => f.data.reason === "The visitor wrote again");
    expect(requested.data.customer).toMatchObject({ status: "waiting", escalation_reason: "The visitor wrote again" });
    expect(socket.of("message").some((f) => f.message.metadata?.reason === "The bot had no answer")).toBe(false);
  });

  it("goes to the queue when the agent has gone offline", async () => {
    const site = await createSite({ botEnabled: false });
    const sam = await createAgent(site, { name: "Sam" });
    const { socket, dashboard } = await closedByAgent(site, sam);
    dashboard.end();
    await dashboard.untilClosed();
    const lobby = env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));
    // The grace period for a reload runs out: Sam is offline.
    await runInDurableObject(lobby, async (_, state) => {
      for (const [key] of state.storage.kv.list({ prefix: "leaving:" })) state.storage.kv.put(key, Date.now() - 1);
    });
    await runDurableObjectAlarm(lobby);

    const status = socket.nextNew("status");
    socket.send({ type: "message", client_msg_id: "back", content: "Anyone?" });
    expect(await status).toMatchObject({ status: "waiting" });
  });

  it("does not reopen or claim for repeats of messages sent before the close: each repeat gets the stored message", async () => {
    const site = await createSite({ botEnabled: false });
    const sam = await createAgent(site, { name: "Sam" });
    const visitor = await startSession(site);
    const path = `/api/chat/${visitor.session_id}/messages`;
    const fromVisitor = () => request(path, { token: visitor.visitor_token, body: { content: "My parcel is lost", client_msg_id: "v-1" } });
    const fromSam = () => agentRequest(path, { cookie: sam.cookie, body: { content: "Looking into it", client_msg_id: "s-1" } });
    const sent = [await fromVisitor(), await fromSam()];
    expect(sent.map((response) => response.status)).toEqual([201, 201]);
    const stored = await Promise.all(sent.map((response) => response.json()));
    const dashboard = await DashboardSocket.open(sam);
    await dashboard.request({ type: "close_session", data: target(site, visitor) }, "session_closed");

    const repeats = [await fromVisitor(), await fromSam()];
    expect(repeats.map((response) => response.status)).toEqual([200, 200]);
    expect(await Promise.all(repeats.map((response) => response.json()))).toEqual(stored);
    const history = await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token });
    const messages = ((await history.json()) as HistoryResponse).messages;
    expect(messages.filter((message) => message.sender_type !== "system").map((message) => message.client_msg_id)).toEqual(["v-1", "s-1"]);
    expect(messages.at(-1)?.metadata?.event).toBe(SYSTEM_EVENTS.closed);
  });

  it("goes back to the bot when no human was ever asked for, and the bot answers as before", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    socket.send({ type: "faq", faq_id: site.faqIds[0] });
    await socket.next("message", (f) => f.message.sender_type === "bot");
    const dashboard = await DashboardSocket.open(admin);
    await dashboard.request({ type: "close_session", data: target(site, visitor) }, "session_closed");
    await socket.next("status", (f) => f.status === "closed");

    const status = socket.nextNew("status");
    socket.send({ type: "message", client_msg_id: "back", content: "what is the return policy?" });
    expect(await status).toMatchObject({ status: "bot" });
    const answer = await socket.next("message", (f) => f.message.sender_type === "bot" && f.message.seq > 3);
    expect(answer.message.content).toBe("Returns are free within 30 days.");
    const note = socket.of("message").find((f) => f.message.metadata?.event === SYSTEM_EVENTS.reopened)!;
    expect(note.message.metadata).toEqual({ event: SYSTEM_EVENTS.reopened, status: "bot" });
    expect(await escalationsAfter(visitor, answer.message.seq)).toBe(0);
    expect((await dashboard.next("new_session", (f) => f.data.customer.customer_id === visitor.visitor_id)).data.customer.status).toBe("bot");
  });
});
