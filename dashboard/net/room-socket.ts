import type { ClientFrame, ServerFrame } from "@parley/protocol";
import { SOCKET_PROTOCOL } from "@parley/protocol/limits";
import type { ReconnectingSocket } from "@parley/browser/reconnecting-socket";
import { socketUrl } from "../lib/http";
import { agentSocket, type AgentSocketHandlers } from "./agent-socket";

export interface RoomSocketHandlers extends AgentSocketHandlers {
  /** The last seq the view holds; a reconnect resumes after it instead of starting over. */
  lastSeq: () => number | null;
  onFrame: (frame: ServerFrame) => void;
  /** Asked when an upgrade was refused: whether the conversation can still be opened at all. */
  stillReachable: () => Promise<boolean>;
}

/**
 * One conversation's room (`/ws/chat/:id`, SPEC §6) as an agent: the cookie authenticates, so
 * only the protocol name goes in the subprotocol list, never a token.
 */
export class RoomSocket {
  private readonly socket: ReconnectingSocket<ServerFrame, ClientFrame>;

  constructor(sessionId: string, handlers: RoomSocketHandlers) {
    this.socket = agentSocket(
      () => {
        const after = handlers.lastSeq();
        const query = after === null ? "" : `?after_seq=${after}`;
        return { url: socketUrl(`/ws/chat/${encodeURIComponent(sessionId)}${query}`), protocols: [SOCKET_PROTOCOL] };
      },
      handlers.onFrame,
      handlers,
      handlers.stillReachable,
    );
  }

  get isOpen(): boolean {
    return this.socket.isOpen;
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  send(frame: ClientFrame): boolean {
    return this.socket.send(frame);
  }
}
