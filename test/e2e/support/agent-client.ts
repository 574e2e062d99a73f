import type { Page } from "playwright-core";
import WebSocket from "ws";
import { DEMO } from "../../../scripts/lib/demo-data";
import { DashboardServerFrameSchema, type DashboardClientFrame, type DashboardServerFrame } from "../../../src/protocol";
import { FrameInbox } from "../../shared/frame-inbox";
import { callApi, whenOpen } from "./api";
import { sessionOf } from "./browser";
import type { DevServer } from "./dev-server";

/** An agent on the dashboard socket (SPEC §7), to act on the other side of a widget conversation. */
export class AgentClient extends FrameInbox<DashboardServerFrame> {
  private constructor(private readonly ws: WebSocket) {
    super(DashboardServerFrameSchema);
    ws.on("message", (data) => this.receive(data.toString()));
    ws.on("close", (code, reason) => this.close(code, reason.toString()));
  }

  static async login(server: DevServer, email: string, password: string): Promise<AgentClient> {
    const cookie = await loginCookie(server, email, password);
    const ws = new WebSocket(`${server.wsOrigin}/api/dashboard/ws`, { headers: { Cookie: cookie }, origin: server.origin });
    const client = new AgentClient(ws);
    await whenOpen(ws);
    await client.next("connected");
    return client;
  }

  send(frame: DashboardClientFrame): void {
    this.ws.send(JSON.stringify(frame));
  }

  end(): void {
    this.ws.close(1000, "done");
  }
}

/** Logs an agent in over the API and returns their session cookie, `name=value`. */
export async function loginCookie(server: DevServer, email: string, password: string): Promise<string> {
  const response = await callApi(server, "/api/auth/login", { body: { email, password } });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("login set no cookie");
  return cookie;
}

/** Whom an agent's frames address: the widget's visitor on the demo site. */
export interface DemoCustomer {
  customer_id: string;
  page_id: string;
}

/**
 * A demo agent (Sam by default) who has taken the conversation of the widget on `page`: logged in
 * on the dashboard socket and assigned, with the customer their frames address.
 */
export async function takeOver(server: DevServer, page: Page, who = DEMO.agents[1]): Promise<{ agent: AgentClient; customer: DemoCustomer }> {
  const session = await sessionOf(page, server);
  const customer = { customer_id: session.visitor_id, page_id: DEMO.siteId };
  const agent = await AgentClient.login(server, who.email, DEMO.password);
  agent.send({ type: "assign_agent", data: customer });
  await agent.next("agent_assigned");
  return { agent, customer };
}
