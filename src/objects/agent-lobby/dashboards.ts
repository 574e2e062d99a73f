import type { DashboardServerFrame, Role } from "../../protocol";
import { isSocketMeta, sendJson, SocketSet, type SocketMeta } from "../sockets";

/** Who is behind a dashboard socket, kept in its attachment through hibernation. */
export interface DashboardAgent {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface DashboardAttachment extends SocketMeta {
  agent: DashboardAgent;
}

function isDashboardAttachment(value: unknown): value is DashboardAttachment {
  if (!isSocketMeta(value)) return false;
  const agent = (value as Partial<DashboardAttachment>).agent;
  return typeof agent === "object" && agent !== null && typeof agent.id === "string" && typeof agent.name === "string";
}

/** The dashboard sockets of one workspace, read from the runtime on every use. */
export class Dashboards extends SocketSet<DashboardAttachment> {
  constructor(ctx: DurableObjectState) {
    super(ctx, isDashboardAttachment);
  }

  enter(ws: WebSocket, attachment: Omit<DashboardAttachment, "v">): void {
    this.join(ws, attachment.agent.id, attachment);
  }

  override send(ws: WebSocket, frame: DashboardServerFrame): void {
    super.send(ws, frame);
  }

  onlineAgentIds(except?: WebSocket): Set<string> {
    const ids = new Set<string>();
    for (const ws of this.sockets()) {
      if (ws === except) continue;
      const attachment = this.attachment(ws);
      if (attachment) ids.add(attachment.agent.id);
    }
    return ids;
  }

  /** Rewrites who is behind an agent's open dashboards: their role decides what they may do there. */
  refreshAgent(agent: DashboardAgent): void {
    for (const ws of this.socketsOf(agent.id)) {
      const attachment = this.attachment(ws);
      if (attachment) this.update(ws, { ...attachment, agent });
    }
  }

  sendToAgent(agentId: string, frame: DashboardServerFrame): void {
    for (const ws of this.socketsOf(agentId)) sendJson(ws, frame);
  }

  /** One event to every dashboard, rendered for its reader (what is "mine" differs per agent). */
  publish(render: (viewer: DashboardAgent) => DashboardServerFrame): void {
    for (const ws of this.sockets()) {
      const attachment = this.attachment(ws);
      if (attachment) sendJson(ws, render(attachment.agent));
    }
  }
}
