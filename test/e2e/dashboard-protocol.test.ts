import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DashboardServerFrameSchema, type DashboardServerFrame } from "../../src/protocol";
import { FrameInbox } from "../shared/frame-inbox";
import { DEMO } from "../../scripts/lib/demo-data";
import { loginCookie } from "./support/agent-client";
import { apiJson, whenOpen } from "./support/api";
import { DevServer } from "./support/dev-server";

/**
 * A dashboard client written from SPEC §7 alone: plain JSON over a plain WebSocket, read as
 * loosely typed objects, the way an existing third-party dashboard would talk to Parley. Only
 * the checks sit on the project's side: every frame must match the protocol's schema.
 */
type Frame = { type: string; [key: string]: any };

class PlainDashboard {
  private readonly inbox = new FrameInbox<DashboardServerFrame>(DashboardServerFrameSchema);

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => this.inbox.receive(data.toString()));
    ws.on("close", (code, reason) => this.inbox.close(code, reason.toString()));
  }

  static async connect(server: DevServer, cookie: string): Promise<PlainDashboard> {
    const ws = new WebSocket(`${server.wsOrigin}/api/dashboard/ws`, { headers: { Cookie: cookie }, origin: server.origin });
    const dashboard = new PlainDashboard(ws);
    await whenOpen(ws);
    return dashboard;
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame of `type` that `match` accepts, whenever it came. */
  waitFor(type: string, match: (frame: Frame) => boolean = () => true): Promise<Frame> {
    return this.inbox.next(type as DashboardServerFrame["type"], (frame) => match(frame as Frame)) as Promise<Frame>;
  }

  /** The first frame of `type` that `match` accepts among those still to come: a reply to what is sent next. */
  waitForNew(type: string, match: (frame: Frame) => boolean = () => true): Promise<Frame> {
    return this.inbox.nextNew(type as DashboardServerFrame["type"], (frame) => match(frame as Frame)) as Promise<Frame>;
  }

  close(): void {
    this.ws.close();
  }
}

describe("SPEC §7 dashboard protocol with a plain WebSocket client", () => {
  let server: DevServer;

  beforeAll(async () => {
    server = await DevServer.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("gets stopped customers, assigns, sends, unassigns, and receives every event", async () => {
    const cookie = await loginCookie(server, "sam@example.com", DEMO.password);
    const other = await loginCookie(server, "admin@example.com", DEMO.password);
    expect(cookie).toMatch(/^parley_session=/);
    const dashboard = await PlainDashboard.connect(server, cookie);
    const observer = await PlainDashboard.connect(server, other);
    const connected = await dashboard.waitFor("connected");
    expect(connected.user_id).toBe("agent_sam");
    expect(connected.data).toMatchObject({ agent: { name: "Sam Support" }, workspace_id: "ws_demo" });

    const session = await apiJson<{ session_id: string; visitor_id: string; visitor_token: string }>(server, "/api/widget/demo/session", {
      body: { browser_session_id: "plain-client-visitor" },
    });
    const chat = (path: string, body: object) => apiJson(server, `/api/chat/${session.session_id}/${path}`, { body, token: session.visitor_token });
    await chat("messages", { content: "Where is my order?" });
    const created = await dashboard.waitFor("new_session");
    expect(created.data.customer).toMatchObject({ customer_id: session.visitor_id, page_id: "site_demo", page_name: "Northwind Outfitters" });
    await dashboard.waitFor("new_message", (f) => f.data.message.content === "Where is my order?" && f.data.is_human === false);

    await chat("escalate", { reason: "Package lost" });
    const requested = await dashboard.waitFor("agent_requested");
    expect(requested.data).toMatchObject({ customer_id: session.visitor_id, page_id: "site_demo", reason: "Package lost" });
    expect(typeof requested.data.customer_name).toBe("string");
    await dashboard.waitFor("customer_stop_status_changed", (f) => f.data.stop === true && f.data.customer.customer_id === session.visitor_id);

    dashboard.send({ type: "get_stopped_customers", data: { limit: 50, skip: 0 } });
    const stopped = await dashboard.waitForNew("stopped_customers");
    expect(stopped.data.total).toBe(1);
    const customer = stopped.data.customers[0];
    for (const field of [
      "customer_id", "customer_name", "page_id", "page_name", "status", "last_message", "last_message_at", "waiting_since",
      "time_since_last_conversation", "is_assigned", "agent_id", "agent_name", "is_assigned_to_me", "unread_count",
    ]) {
      expect(customer, field).toHaveProperty(field);
    }

    dashboard.send({ type: "assign_agent", data: { customer_id: session.visitor_id, page_id: "site_demo" } });
    expect((await dashboard.waitForNew("agent_assigned")).data.customer).toMatchObject({ is_assigned: true, is_assigned_to_me: true, agent_name: "Sam Support" });
    expect((await observer.waitFor("agent_assignment_changed", (f) => f.data.action === "assigned")).data).toMatchObject({
      action: "assigned",
      customer_id: session.visitor_id,
      page_id: "site_demo",
      agent_id: "agent_sam",
      agent_name: "Sam Support",
    });
    observer.send({ type: "assign_agent", data: { customer_id: session.visitor_id, page_id: "site_demo" } });
    expect(await observer.waitForNew("error")).toEqual({ type: "error", error: "Customer is already assigned to Sam Support", code: "already_assigned" });

    dashboard.send({ type: "send_message", customer_id: session.visitor_id, page_id: "site_demo", message: "Let me check that for you." });
    const sent = await dashboard.waitForNew("message_sent");
    expect(sent.data).toMatchObject({ customer_id: session.visitor_id, page_id: "site_demo", message: { content: "Let me check that for you." } });
    expect((await observer.waitFor("new_message", (f) => f.data.is_human === true)).data.message.id).toBe(sent.data.message.id);

    dashboard.send({ type: "unassign_agent", data: { customer_id: session.visitor_id, page_id: "site_demo" } });
    expect((await dashboard.waitForNew("agent_unassigned")).data.customer).toMatchObject({ is_assigned: false, status: "waiting" });
    expect((await observer.waitFor("agent_assignment_changed", (f) => f.data.action === "unassigned")).data.agent_id).toBe("agent_sam");

    const history = await apiJson<{ messages: { content: string }[] }>(server, `/api/chat/${session.session_id}/history`, {
      token: session.visitor_token,
    });
    const contents = history.messages.map((m) => m.content);
    expect(contents).toEqual(expect.arrayContaining(["Where is my order?", "Sam Support joined the conversation", "Let me check that for you."]));
    dashboard.close();
    observer.close();
  });
});
