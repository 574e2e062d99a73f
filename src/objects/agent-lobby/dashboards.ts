import type { DashboardServerFrame, Role } from "../../protocol";
import { answerClose, isOpen, readAttachment, sendJson, writeAttachment } from "../sockets";
import type { Bucket } from "../../lib/rate-bucket";

/** Who is behind a dashboard socket, kept in its attachment through hibernation. */
export interface DashboardAgent {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface DashboardAttachment {
  agent: DashboardAgent;
  connectedAt: number;
  bucket: Bucket;
}

const agentTag = (agentId: string) => `agent:${agentId}`;

/** The dashboard sockets of one workspace, read from the runtime on every use. */
export class Dashboards {
  constructor(private readonly ctx: DurableObjectState) {}

  join(ws: WebSocket, attachment: DashboardAttachment): void {
    this.ctx.acceptWebSocket(ws, ["dashboard", agentTag(attachment.agent.id)]);
    writeAttachment(ws, attachment);
  }

  sockets(): WebSocket[] {
    return this.ctx.getWebSockets("dashboard").filter(isOpen);
  }

  socketsOf(agentId: string): WebSocket[] {
    return this.ctx.getWebSockets(agentTag(agentId)).filter(isOpen);
  }

  attachment(ws: WebSocket): DashboardAttachment | null {
    return readAttachment<DashboardAttachment>(ws);
  }

  update(ws: WebSocket, attachment: DashboardAttachment): void {
    writeAttachment(ws, attachment);
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

  send(ws: WebSocket, frame: DashboardServerFrame): void {
    sendJson(ws, frame);
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

  closeAgent(agentId: string, code: number, reason: string): void {
    for (const ws of this.socketsOf(agentId)) answerClose(ws, code, reason);
  }
}
