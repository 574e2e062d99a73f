import type { ClientFrame, ServerFrame } from "@parley/protocol";
import { SOCKET_PROTOCOL } from "@parley/protocol/limits";
import { socketUrl } from "../lib/http";
import { parseJson } from "./parse-json";
import { ReconnectingSocket, type LinkState, type ReconnectingSocketOptions } from "./reconnecting-socket";

export interface RoomSocketHandlers extends Pick<ReconnectingSocketOptions, "keepAliveMs" | "onSignedOut" | "onTooManySockets"> {
  /** The last seq the view holds; a reconnect resumes after it instead of starting over. */
  lastSeq: () => number | null;
  onFrame: (frame: ServerFrame) => void;
  onState: (state: LinkState) => void;
  /** Asked when an upgrade was refused: whether the conversation can still be opened at all. */
  stillReachable: () => Promise<boolean>;
}

/**
 * One conversation's room (`/ws/chat/:id`, SPEC §6) as an agent: the cookie authenticates, so
 * only the protocol name goes in the subprotocol list, never a token.
 */
export class RoomSocket {
  private readonly socket: ReconnectingSocket;

  constructor(sessionId: string, handlers: RoomSocketHandlers) {
    this.socket = new ReconnectingSocket({
      url: () => {
        const after = handlers.lastSeq();
        const query = after === null ? "" : `?after_seq=${after}`;
        return socketUrl(`/ws/chat/${encodeURIComponent(sessionId)}${query}`);
      },
      protocols: [SOCKET_PROTOCOL],
      onText: (text) => {
        const frame = parseJson<ServerFrame>(text);
        if (frame) handlers.onFrame(frame);
      },
      onState: handlers.onState,
      keepAliveMs: handlers.keepAliveMs,
      onSignedOut: handlers.onSignedOut,
      onTooManySockets: handlers.onTooManySockets,
      shouldRetry: async ({ opened }) => opened || handlers.stillReachable(),
    });
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
