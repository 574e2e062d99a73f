import type { Principal } from "../../env";
import type { AgentRef, ServerFrame } from "../../protocol";
import { broadcastJson, isSocketMeta, SocketSet, type SocketMeta } from "../sockets";

/** What each socket of a conversation carries through hibernation. */
export interface ChatAttachment extends SocketMeta {
  principal: Principal;
}

function isChatAttachment(value: unknown): value is ChatAttachment {
  if (!isSocketMeta(value)) return false;
  const principal = (value as Partial<ChatAttachment>).principal;
  return (
    typeof principal === "object" &&
    principal !== null &&
    (principal.type === "visitor" || principal.type === "agent") &&
    typeof principal.id === "string" &&
    typeof principal.personId === "string" &&
    typeof principal.name === "string"
  );
}

/** The open sockets of one conversation, read from the runtime each time. */
export class Room extends SocketSet<ChatAttachment> {
  constructor(ctx: DurableObjectState) {
    super(ctx, isChatAttachment);
  }

  enter(ws: WebSocket, attachment: Omit<ChatAttachment, "v">): void {
    this.join(ws, attachment.principal.personId, attachment, [attachment.principal.type]);
  }

  override send(ws: WebSocket, frame: ServerFrame): void {
    super.send(ws, frame);
  }

  broadcast(frame: ServerFrame, except?: WebSocket): void {
    broadcastJson(this.sockets(), frame, except);
  }

  /** Closes every visitor's socket, telling them why; agents stay. Returns how many it closed. */
  endVisitors(code: number, reason: string): number {
    const sockets = this.sockets("visitor");
    for (const ws of sockets) this.close(ws, code, reason);
    return sockets.length;
  }

  /** Sends to everyone but the sockets of one person (their own typing is no news to them). */
  broadcastExceptPerson(frame: ServerFrame, personId: string): void {
    const own = new Set(this.socketsOf(personId));
    broadcastJson(
      this.sockets().filter((ws) => !own.has(ws)),
      frame,
    );
  }

  /**
   * Tells every socket but `except` who is here now (`presence`): everyone the count, agents also
   * which agents. `leaving`: `except` is on its way out and counts no more.
   */
  announcePresence(except?: WebSocket, { leaving = false } = {}): void {
    const gone = leaving ? except : undefined;
    const online = this.online(gone);
    broadcastJson(this.sockets("visitor"), { type: "presence", online } satisfies ServerFrame, except);
    broadcastJson(this.sockets("agent"), { type: "presence", online, agents: this.agentsPresent(gone) } satisfies ServerFrame, except);
  }

  /** The agents connected, each once however many tabs they use, in the order they came. */
  agentsPresent(except?: WebSocket): AgentRef[] {
    const agents = new Map<string, AgentRef>();
    for (const ws of this.sockets("agent")) {
      const principal = ws === except ? null : this.attachment(ws)?.principal;
      if (principal && !agents.has(principal.id)) agents.set(principal.id, { id: principal.id, name: principal.name });
    }
    return [...agents.values()];
  }

  /** Distinct people connected (several tabs of one person count once). */
  online(except?: WebSocket): number {
    const ids = new Set<string>();
    for (const ws of this.sockets()) {
      if (ws === except) continue;
      const attachment = this.attachment(ws);
      if (attachment) ids.add(`${attachment.principal.type}:${attachment.principal.personId}`);
    }
    return ids.size;
  }
}
