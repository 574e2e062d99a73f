import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DevServer } from "./support/dev-server";

/**
 * A dashboard client written from SPEC §7 alone: plain JSON over a plain WebSocket, no project
 * types or helpers, the way an existing third-party dashboard would talk to Parley.
 */
type Frame = { type: string; [key: string]: any };

class PlainDashboard {
  readonly frames: Frame[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
  }

  static async connect(server: DevServer, cookie: string): Promise<PlainDashboard> {
    const ws = new WebSocket(`${server.wsOrigin}/api/dashboard/ws`, { headers: { Cookie: cookie }, origin: server.origin });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("unexpected-response", (_, response) => reject(new Error(`refused: ${response.statusCode}`)));
      ws.once("error", reject);
    });
    return new PlainDashboard(ws);
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  async waitFor(type: string, match: (frame: Frame) => boolean = () => true, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.frames.find((frame) => frame.type === type && match(frame));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no ${type} frame; got ${this.frames.map((f) => f.type).join(",")}`);
  }

  close(): void {
    this.ws.close();
  }
}

async function loginCookie(server: DevServer, email: string): Promise<string> {
  const response = await fetch(`${server.origin}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.origin },
    body: JSON.stringify({ email, password: "parley-demo" }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  expect(cookie).toMatch(/^parley_session=/);
  return cookie;
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
    const cookie = await loginCookie(server, "sam@example.com");
    const other = await loginCookie(server, "admin@example.com");
    const dashboard = await PlainDashboard.connect(server, cookie);
    const observer = await PlainDashboard.connect(server, other);
    const connected = await dashboard.waitFor("connected");
    expect(connected.user_id).toBe("agent_sam");
    expect(connected.data).toMatchObject({ agent: { name: "Sam Support" }, workspace_id: "ws_demo" });

    const init = await fetch(`${server.origin}/api/widget/demo/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: server.origin },
      body: JSON.stringify({ browser_session_id: "plain-client-visitor" }),
    });
    const session = (await init.json()) as { session_id: string; visitor_id: string; visitor_token: string };
    const chat = (path: string, body: object) =>
      fetch(`${server.origin}/api/chat/${session.session_id}/${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${session.visitor_token}`, Origin: server.origin },
        body: JSON.stringify(body),
      });
    await chat("messages", { content: "Where is my order?" });
    const created = await dashboard.waitFor("new_session");
    expect(created.data.customer).toMatchObject({ customer_id: session.visitor_id, page_id: "site_demo", page_name: "Northwind Outfitters" });
    await dashboard.waitFor("new_message", (f) => f.data.message.content === "Where is my order?" && f.data.is_human === false);

    await chat("escalate", { reason: "Package lost" });
    const requested = await dashboard.waitFor("agent_requested");
    expect(requested.data).toMatchObject({ customer_id: session.visitor_id, page_id: "site_demo", reason: "Package lost" });
    expect(typeof requested.data.customer_name).toBe("string");
    expect((await dashboard.waitFor("customer_stop_status_changed")).data.stop).toBe(true);

    dashboard.send({ type: "get_stopped_customers", data: { limit: 50, skip: 0 } });
    const stopped = await dashboard.waitFor("stopped_customers");
    expect(stopped.data.total).toBe(1);
    const customer = stopped.data.customers[0];
    for (const field of [
      "customer_id", "customer_name", "page_id", "page_name", "status", "last_message", "last_message_at", "waiting_since",
      "time_since_last_conversation", "is_assigned", "agent_id", "agent_name", "is_assigned_to_me", "unread_count",
    ]) {
      expect(customer, field).toHaveProperty(field);
    }

    dashboard.send({ type: "assign_agent", data: { customer_id: session.visitor_id, page_id: "site_demo" } });
    expect((await dashboard.waitFor("agent_assigned")).data.customer).toMatchObject({ is_assigned: true, is_assigned_to_me: true, agent_name: "Sam Support" });
    expect((await observer.waitFor("agent_assignment_changed")).data).toMatchObject({
      action: "assigned",
      customer_id: session.visitor_id,
      page_id: "site_demo",
      agent_id: "agent_sam",
      agent_name: "Sam Support",
    });
    observer.send({ type: "assign_agent", data: { customer_id: session.visitor_id, page_id: "site_demo" } });
    expect(await observer.waitFor("error")).toEqual({ type: "error", error: "Customer is already assigned to Sam Support", code: "already_assigned" });

    dashboard.send({ type: "send_message", customer_id: session.visitor_id, page_id: "site_demo", message: "Let me check that for you." });
    const sent = await dashboard.waitFor("message_sent");
    expect(sent.data).toMatchObject({ customer_id: session.visitor_id, page_id: "site_demo", message: { content: "Let me check that for you." } });
    expect((await observer.waitFor("new_message", (f) => f.data.is_human === true)).data.message.id).toBe(sent.data.message.id);

    dashboard.send({ type: "unassign_agent", data: { customer_id: session.visitor_id, page_id: "site_demo" } });
    expect((await dashboard.waitFor("agent_unassigned")).data.customer).toMatchObject({ is_assigned: false, status: "waiting" });
    expect((await observer.waitFor("agent_assignment_changed", (f) => f.data.action === "unassigned")).data.agent_id).toBe("agent_sam");

    const history = await fetch(`${server.origin}/api/chat/${session.session_id}/history`, {
      headers: { Authorization: `Bearer ${session.visitor_token}`, Origin: server.origin },
    });
    const contents = ((await history.json()) as { messages: { content: string }[] }).messages.map((m) => m.content);
    expect(contents).toEqual(expect.arrayContaining(["Where is my order?", "Sam Support joined the conversation", "Let me check that for you."]));
    dashboard.close();
    observer.close();
  });
});
