import type { Principal } from "../../env";
import type { ServerFrame } from "../../protocol";
import type { Bucket } from "../../lib/rate-bucket";
import { answerClose, broadcastJson, isOpen, readAttachment, sendJson, writeAttachment } from "../sockets";

/** What each socket of a conversation carries through hibernation. */
export interface ChatAttachment {
  principal: Principal;
  connectedAt: number;
  lastSeenAt: number;
  bucket: Bucket;
}

/** The open sockets of one conversation, read from the runtime each time, never cached. */
export class Room {
  constructor(private readonly ctx: DurableObjectState) {}

  join(ws: WebSocket, attachment: ChatAttachment): void {
    this.ctx.acceptWebSocket(ws, [attachment.principal.type, `p:${attachment.principal.id}`]);
    writeAttachment(ws, attachment);
  }

  sockets(): WebSocket[] {
    return this.ctx.getWebSockets().filter(isOpen);
  }

  attachment(ws: WebSocket): ChatAttachment | null {
    return readAttachment<ChatAttachment>(ws);
  }

  update(ws: WebSocket, attachment: ChatAttachment): void {
    writeAttachment(ws, attachment);
  }

  send(ws: WebSocket, frame: ServerFrame): void {
    sendJson(ws, frame);
  }

  broadcast(frame: ServerFrame, except?: WebSocket): void {
    broadcastJson(this.sockets(), frame, except);
  }

  /** Sends to everyone but the sockets of one person (their own typing is no news to them). */
  broadcastExceptPrincipal(frame: ServerFrame, principalId: string): void {
    const others = this.sockets().filter((ws) => this.attachment(ws)?.principal.id !== principalId);
    broadcastJson(others, frame);
  }

  close(ws: WebSocket, code: number, reason: string): void {
    answerClose(ws, code, reason);
  }

  /** Distinct people connected (several tabs of one person count once). */
  online(except?: WebSocket): number {
    const ids = new Set<string>();
    for (const ws of this.sockets()) {
      if (ws === except) continue;
      const attachment = this.attachment(ws);
      if (attachment) ids.add(`${attachment.principal.type}:${attachment.principal.id}`);
    }
    return ids.size;
  }

  /** Last sign of life: a frame handled by the object, or a ping answered while it slept. */
  lastSeenAt(ws: WebSocket): number {
    const attachment = this.attachment(ws);
    const pinged = this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0;
    return Math.max(attachment?.lastSeenAt ?? 0, pinged);
  }
}
