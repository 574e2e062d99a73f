import type { DashboardClientFrame, DashboardServerFrame } from "@parley/protocol";
import { socketUrl } from "../lib/http";
import { parseJson } from "./parse-json";
import { ReconnectingSocket, type LinkState, type ReconnectingSocketOptions } from "./reconnecting-socket";

export interface DashboardSocketHandlers extends Pick<ReconnectingSocketOptions, "keepAliveMs" | "onSignedOut" | "onTooManySockets"> {
  onFrame: (frame: DashboardServerFrame) => void;
  onState: (state: LinkState) => void;
  /** Asked when an upgrade was refused: a socket cannot see the 401, so the caller checks the session. */
  stillSignedIn: () => Promise<boolean>;
}

/**
 * The workspace socket (`/api/dashboard/ws`, SPEC §7). The cookie travels by itself; on every
 * (re)connect the server sends the full current state, so nothing missed while away is lost.
 */
export class DashboardSocket {
  private readonly socket: ReconnectingSocket;

  constructor(handlers: DashboardSocketHandlers) {
    this.socket = new ReconnectingSocket({
      url: () => socketUrl("/api/dashboard/ws"),
      onText: (text) => {
        const frame = parseJson<DashboardServerFrame>(text);
        if (!frame) return;
        handlers.onFrame(frame);
        // `connected` carries the server's keep-alive interval: ping at it from now on.
        if (frame.type === "connected") this.socket.keepAliveChanged();
      },
      onState: handlers.onState,
      keepAliveMs: handlers.keepAliveMs,
      onSignedOut: handlers.onSignedOut,
      onTooManySockets: handlers.onTooManySockets,
      shouldRetry: async ({ opened }) => opened || handlers.stillSignedIn(),
    });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  send(frame: DashboardClientFrame): boolean {
    return this.socket.send(frame);
  }
}
