import { describe, expect, it } from "vitest";
import { SYSTEM_EVENTS, keepAliveIntervalMs } from "../../src/protocol";
import { createAgent, DashboardSocket } from "./agents";
import { failD1Calls } from "./d1-failures";
import { createSite, request, startSession, TestSocket, type TestSite, type Visitor } from "./helpers";

async function waitingVisitor(site: TestSite, reason = "Need help"): Promise<Visitor> {
  const visitor = await startSession(site);
  await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "hello?" } });
  await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason } });
  return visitor;
}

const target = (site: TestSite, visitor: Visitor) => ({ customer_id: visitor.visitor_id, page_id: site.siteId });

describe("the dashboard socket (SPEC §7)", () => {
  it("says connected with the agent, then sends the current sessions and agents", async () => {
    const site = await createSite();
    const visitor = await waitingVisitor(site);
    const agent = await createAgent(site, { name: "Sam Support" });
    const dashboard = await DashboardSocket.open(agent);
    expect(dashboard.frames[0]).toEqual({
      type: "connected",
      user_id: agent.id,
      data: {
        agent: { id: agent.id, name: "Sam Support", email: agent.email, role: "agent" },
        workspace_id: site.workspaceId,
        limits: { max_message_length: 1000, keepalive_ms: keepAliveIntervalMs(30_000) },
      },
    });
    const sessions = await dashboard.next("sessions");
    expect(sessions.data.customers.map((c) => c.customer_id)).toEqual([visitor.visitor_id]);
    const agents = await dashboard.next("agents");
    expect(agents.data.agents).toEqual([{ id: agent.id, name: "Sam Support", role: "agent", online: true, away: false }]);
  });

  it("reads the agents from D1 once for dashboards that connect together, each still told every agent", async () => {
    const site = await createSite();
    const agents = await Promise.all(["Ada", "Bo", "Cy", "Di", "Ed", "Flo"].map((name) => createAgent(site, { name })));
    // listAgents (src/db/queries/agents.ts) is the one query ordered by the agents' names.
    const reads = failD1Calls({ how: "through", times: 1_000, matching: 'order by \\"agents\\".\\"name\\"' });
    try {
      const dashboards = await Promise.all(agents.map((agent) => DashboardSocket.open(agent)));
      for (const dashboard of dashboards) {
        const listed = dashboard.of("agents")[0]!.data.agents.map((agent) => agent.id);
        expect(listed).toEqual(expect.arrayContaining(agents.map((agent) => agent.id)));
      }
      expect(reads.calls()).toBeGreaterThan(0);
      expect(reads.calls()).toBeLessThan(agents.length);
      for (const dashboard of dashboards) dashboard.end();
    } finally {
      reads.restore();
    }
  });

  it("answers get_stopped_customers with the queue, its total, paging and a site filter", async () => {
    const site = await createSite();
    const first = await waitingVisitor(site, "first");
    const second = await waitingVisitor(site, "second");
    const botOnly = await startSession(site);
    await request(`/api/chat/${botOnly.session_id}/messages`, { token: botOnly.visitor_token, body: { content: "shipping?" } });
    const agent = await createAgent(site);
    const dashboard = await DashboardSocket.open(agent);

    const all = await dashboard.request({ type: "get_stopped_customers", data: {} }, "stopped_customers");
    expect(all.data.total).toBe(2);
    expect(all.data.customers.map((c) => c.customer_id)).toEqual([first.visitor_id, second.visitor_id]);
    const customer = all.data.customers[0]!;
    expect(customer).toMatchObject({
      customer_id: first.visitor_id,
      page_id: site.siteId,
      page_name: "Test Shop",
      status: "waiting",
      // The bot greets a "hello?" before the visitor asks for a human (SPEC §4.4, issue 10).
      last_message: expect.stringContaining("How can I help?"),
      is_assigned: false,
      agent_id: null,
      agent_name: null,
      is_assigned_to_me: false,
      unread_count: 1,
      escalation_reason: "first",
    });
    expect(customer.customer_name).toMatch(/^Visitor /);
    expect(customer.time_since_last_conversation).toBe("less than a minute");
    expect(Date.parse(customer.waiting_since!)).toBeGreaterThan(0);

    const page = await dashboard.request({ type: "get_stopped_customers", data: { limit: 1, skip: 1 } }, "stopped_customers");
    expect(page.data).toMatchObject({ total: 2, customers: [{ customer_id: second.visitor_id }] });
    const otherSite = await dashboard.request({ type: "get_stopped_customers", data: { page_id: "another-site" } }, "stopped_customers");
    expect(otherSite.data).toEqual({ customers: [], total: 0 });
  });

  it("assigns, sends, unassigns, transfers and closes, telling every dashboard", async () => {
    const site = await createSite();
    const visitor = await waitingVisitor(site);
    const sam = await createAgent(site, { name: "Sam" });
    const ada = await createAgent(site, { name: "Ada", role: "admin" });
    const samDash = await DashboardSocket.open(sam);
    const adaDash = await DashboardSocket.open(ada);
    const room = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const who = target(site, visitor);

    const assigned = await samDash.request({ type: "assign_agent", data: who }, "agent_assigned");
    expect(assigned.data.customer).toMatchObject({ is_assigned: true, agent_id: sam.id, agent_name: "Sam", is_assigned_to_me: true, status: "assigned" });
    const seenByAda = await adaDash.next("agent_assignment_changed");
    expect(seenByAda.data).toMatchObject({ action: "assigned", customer_id: visitor.visitor_id, page_id: site.siteId, agent_id: sam.id, agent_name: "Sam" });
    expect(seenByAda.data.customer.is_assigned_to_me).toBe(false);
    expect(await room.next("status", (f) => f.status === "assigned")).toEqual({ type: "status", status: "assigned", agent: { id: sam.id, name: "Sam" } });
    expect((await room.next("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.agentJoined)).message.content).toBe("Sam joined the conversation");

    const sent = await samDash.request({ type: "send_message", customer_id: visitor.visitor_id, page_id: site.siteId, message: "Hi, I'm Sam" }, "message_sent");
    expect(sent.data).toMatchObject({ customer_id: visitor.visitor_id, page_id: site.siteId, message: { content: "Hi, I'm Sam", sender_type: "agent", sender_name: "Sam" } });
    expect((await room.next("message", (f) => f.message.sender_type === "agent")).message.id).toBe(sent.data.message.id);
    const relayed = await adaDash.next("new_message", (f) => f.data.message.sender_type === "agent");
    expect(relayed.data).toMatchObject({ customer_id: visitor.visitor_id, page_id: site.siteId, is_human: true });

    room.send({ type: "message", client_msg_id: "v-1", content: "thanks!" });
    const fromVisitor = await adaDash.next("new_message", (f) => f.data.message.client_msg_id === "v-1");
    expect(fromVisitor.data.is_human).toBe(false);

    const released = await samDash.request({ type: "unassign_agent", data: who }, "agent_unassigned");
    expect(released.data.customer).toMatchObject({ status: "waiting", is_assigned: false, agent_id: null });
    expect((await adaDash.next("agent_assignment_changed", (f) => f.data.action === "unassigned")).data.agent_id).toBe(sam.id);
    await room.next("status", (f) => f.status === "waiting");

    await adaDash.request({ type: "assign_agent", data: who }, "agent_assigned");
    const moved = await adaDash.request({ type: "transfer_agent", data: { ...who, agent_id: sam.id } }, "agent_transferred");
    expect(moved.data.customer).toMatchObject({ agent_id: sam.id, agent_name: "Sam", is_assigned_to_me: false });
    expect((await samDash.next("agent_assignment_changed", (f) => f.data.agent_id === sam.id && f.data.customer.is_assigned_to_me)).data.action).toBe("assigned");

    const closed = await samDash.request({ type: "close_session", data: who }, "session_closed");
    expect(closed.data.customer.status).toBe("closed");
    expect((await adaDash.next("customer_stop_status_changed", (f) => !f.data.stop)).data.customer.customer_id).toBe(visitor.visitor_id);
    await room.next("status", (f) => f.status === "closed");
    const queue = await adaDash.request({ type: "get_stopped_customers", data: {} }, "stopped_customers");
    expect(queue.data.total).toBe(0);
  });

  it("announces new sessions, escalations and stop changes live, and send_message assigns when free", async () => {
    const site = await createSite();
    const agent = await createAgent(site, { name: "Sam" });
    const dashboard = await DashboardSocket.open(agent);
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "shipping?" } });
    const created = await dashboard.next("new_session");
    expect(created.data.customer).toMatchObject({ customer_id: visitor.visitor_id, status: "bot" });
    expect((await dashboard.next("new_message", (f) => f.data.message.sender_type === "bot")).data.is_human).toBe(false);

    await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason: "Order arrived damaged" } });
    const requested = await dashboard.next("agent_requested");
    expect(requested.data).toMatchObject({
      customer_id: visitor.visitor_id,
      customer_name: created.data.customer.customer_name,
      page_id: site.siteId,
      reason: "Order arrived damaged",
      customer: { status: "waiting" },
    });
    expect((await dashboard.next("customer_stop_status_changed")).data).toMatchObject({ stop: true, customer: { status: "waiting" } });

    const sent = await dashboard.request({ type: "send_message", customer_id: visitor.visitor_id, page_id: site.siteId, message: "On it" }, "message_sent");
    expect(sent.data.message.content).toBe("On it");
    expect((await dashboard.next("agent_assignment_changed")).data).toMatchObject({ action: "assigned", agent_id: agent.id });
  });

  it("lets exactly one agent have a customer: the other gets 'already assigned to NAME'", async () => {
    const site = await createSite();
    const visitor = await waitingVisitor(site);
    const sam = await createAgent(site, { name: "Sam Support" });
    const lee = await createAgent(site, { name: "Lee" });
    const samDash = await DashboardSocket.open(sam);
    const leeDash = await DashboardSocket.open(lee);
    await samDash.request({ type: "assign_agent", data: target(site, visitor) }, "agent_assigned");
    const refused = await leeDash.request({ type: "assign_agent", data: target(site, visitor) }, "error");
    expect(refused).toEqual({ type: "error", error: "Customer is already assigned to Sam Support", code: "already_assigned" });
    const refusedSend = await leeDash.request({ type: "send_message", ...target(site, visitor), message: "me too" }, "error");
    expect(refusedSend.code).toBe("already_assigned");
    const notYours = await leeDash.request({ type: "unassign_agent", data: target(site, visitor) }, "error");
    expect(notYours.code).toBe("not_your_customer");
  });

  it("answers bad frames with error frames and keeps the socket open", async () => {
    const site = await createSite();
    const visitor = await waitingVisitor(site);
    const other = await createSite();
    const stranger = await waitingVisitor(other);
    const agent = await createAgent(site);
    const dashboard = await DashboardSocket.open(agent);
    const cases: Array<[unknown, string]> = [
      ["{nope", "bad_json"],
      [{ type: "launch_rockets", data: {} }, "unknown_type"],
      [{ type: "assign_agent", data: { page_id: site.siteId } }, "invalid_frame"],
      [{ type: "send_message", customer_id: visitor.visitor_id, page_id: site.siteId }, "invalid_frame"],
      [{ type: "assign_agent", data: target(other, stranger) }, "not_found"],
      [{ type: "assign_agent", data: { customer_id: "nobody", page_id: site.siteId } }, "not_found"],
      [{ type: "assign_agent", data: { customer_id: visitor.visitor_id, page_id: other.siteId } }, "not_found"],
      [{ type: "transfer_agent", data: { ...target(site, visitor), agent_id: "ghost" } }, "agent_not_found"],
    ];
    for (const [frame, code] of cases) {
      const error = await dashboard.request(frame, "error");
      expect(error.code, JSON.stringify(frame)).toBe(code);
      expect(typeof error.error).toBe("string");
    }
    const still = await dashboard.request({ type: "get_stopped_customers", data: {} }, "stopped_customers");
    expect(still.data.total).toBe(1);
    expect(dashboard.closed).toBeNull();
  });

  it("keeps workspaces apart: no event of one reaches a dashboard of another", async () => {
    const siteA = await createSite();
    const siteB = await createSite();
    const agentA = await createAgent(siteA);
    const agentB = await createAgent(siteB);
    const dashA = await DashboardSocket.open(agentA);
    const dashB = await DashboardSocket.open(agentB);
    const visitor = await waitingVisitor(siteA);
    await dashA.next("agent_requested");
    await dashA.request({ type: "assign_agent", data: target(siteA, visitor) }, "agent_assigned");
    // Workspace A's lobby has announced everything by now; B's lobby answers B's own request in order.
    await dashB.request({ type: "get_stopped_customers", data: {} }, "stopped_customers");
    const leaked = dashB.frames.filter((f) => !["connected", "sessions", "agents", "agent_presence", "stopped_customers"].includes(f.type));
    expect(leaked).toEqual([]);
    expect(dashB.of("agent_presence").every((f) => f.data.id === agentB.id)).toBe(true);
    const queueB = await dashB.request({ type: "get_stopped_customers", data: {} }, "stopped_customers");
    expect(queueB.data.total).toBe(0);
  });
});
