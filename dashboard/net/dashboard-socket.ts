import type { DashboardClientFrame, DashboardOneFrame, DashboardServerFrame } from "@parley/protocol";
import type { ReconnectingSocket } from "@parley/browser/reconnecting-socket";
import { socketUrl } from "../lib/http";
import { agentSocket, type AgentSocketHandlers } from "./agent-socket";

export interface DashboardSocketHandlers extends AgentSocketHandlers {
  /** Each frame in order; a `batch` arrives as its frames. */
  onFrame: (frame: DashboardOneFrame) => void;
  /** Asked when an upgrade was refused: a socket cannot see the 401, so the caller checks the session. */
  stillSignedIn: () => Promise<boolean>;
}

/**
 * The workspace socket (`/api/dashboard/ws`, SPEC §7). The cookie travels by itself; on every
 * (re)connect the server sends the full current state, so nothing missed while away is lost.
 */
export class DashboardSocket {
  private readonly socket: ReconnectingSocket<DashboardServerFrame, DashboardClientFrame>;

  constructor(handlers: DashboardSocketHandlers) {
    this.socket = agentSocket(
      () => ({ url: socketUrl("/api/dashboard/ws") }),
      (frame: DashboardServerFrame) => {
        if (frame.type === "batch") for (const one of frame.data.frames) handlers.onFrame(one);
        else handlers.onFrame(frame);
        // `connected` carries the server's keep-alive interval: ping at it from now on.
        if (frame.type === "connected") this.socket.keepAliveChanged();
      },
      handlers,
      handlers.stillSignedIn,
    );
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
