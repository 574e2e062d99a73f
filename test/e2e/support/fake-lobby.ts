import type { WebSocketRoute } from "playwright-core";
import { SESSIONS_PAGE, type Customer, type DashboardClientFrame, type DashboardServerFrame } from "../../../src/protocol";
import { SAM } from "./dashboard-app";

const MINUTE_MS = 60_000;

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
