import type { WebSocketRoute } from "playwright-core";
import { SESSIONS_PAGE, type Customer, type DashboardClientFrame, type DashboardServerFrame } from "../../../src/protocol";
import { SAM } from "./dashboard-app";

const MINUTE_MS = 60_000;

/**
 * An open customer as the lobby describes one (SPEC §7), the `i`-th of a test, active at `at`
 * (ISO); `fields` set the rest (status, agent, unread…).
 */
export function fakeCustomer(i: number, at: string, fields: Partial<Customer> = {}): Customer {
  return {
    customer_id: `visitor-${i}`,
    customer_name: `Customer ${i}`,
    page_id: "site_demo",
    page_name: "Demo Shop",
    status: "bot",
    last_message: `question number ${i}`,
    last_message_at: at,
    waiting_since: null,
    time_since_last_conversation: "5 minutes",
    is_assigned: false,
    agent_id: null,
    agent_name: null,
    session_id: `session-${i}`,
    escalation_reason: null,
    started_at: at,
    last_seq: 1,
    is_assigned_to_me: false,
    unread_count: 0,
    ...fields,
  };
}

/**
 * The workspace socket played by the test (Playwright's WebSocket routing), so the dashboard
 * can meet 5,000 open conversations, or a burst of requests, without as many visitors: the first
 * page on connect, the rest by keyset cursor as the lobby pages them (SPEC §7), and whatever
 * events the test sends.
 */
export class FakeLobby {
  readonly received: DashboardClientFrame[] = [];
  private socket: WebSocketRoute | null = null;

  constructor(private readonly customers: Customer[]) {}

  attach(ws: WebSocketRoute): void {
    this.socket = ws;
    ws.onMessage((text) => {
      const frame = JSON.parse(String(text)) as DashboardClientFrame;
      this.received.push(frame);
      if (frame.type === "get_sessions") this.send(this.page(Number(frame.data.cursor ?? 0), frame.data.limit ?? SESSIONS_PAGE));
      if (frame.type === "get_agents") this.send({ type: "agents", data: { agents: [] } });
    });
    this.send({
      type: "connected",
      user_id: SAM.id,
      data: {
        agent: { id: SAM.id, name: SAM.name, email: SAM.email, role: "agent" },
        workspace_id: "ws_demo",
        limits: { max_message_length: 1000, keepalive_ms: 10 * MINUTE_MS },
      },
    });
    this.send(this.page(0, SESSIONS_PAGE));
    this.send({ type: "agents", data: { agents: [] } });
  }

  send(frame: DashboardServerFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  of<T extends DashboardClientFrame["type"]>(type: T): Extract<DashboardClientFrame, { type: T }>[] {
    return this.received.filter((frame): frame is Extract<DashboardClientFrame, { type: T }> => frame.type === type);
  }

  private page(from: number, limit: number): DashboardServerFrame {
    const end = Math.min(this.customers.length, from + limit);
    return {
      type: "sessions",
      data: { filter: "open", customers: this.customers.slice(from, end), next_cursor: end < this.customers.length ? String(end) : null },
    };
  }
}
