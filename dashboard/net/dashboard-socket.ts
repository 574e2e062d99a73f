import type { DashboardClientFrame, DashboardServerFrame } from "@parley/protocol";
import { socketUrl } from "../lib/http";
import { parseJson } from "./parse-json";
import { ReconnectingSocket, type LinkState } from "./reconnecting-socket";

/** Close code the server uses when an admin deactivates the agent. */
export const ACCOUNT_DEACTIVATED = 4001;

export interface DashboardSocketHandlers {
  onFrame: (frame: DashboardServerFrame) => void;
  onState: (state: LinkState) => void;
  /** Asked when an upgrade was refused: a socket cannot see the 401, so the caller checks the session. */
  stillSignedIn: () => Promise<boolean>;
  onDeactivated: () => void;
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
        if (frame) handlers.onFrame(frame);
      },
      onState: handlers.onState,
      shouldRetry: async ({ code, opened }) => {
        if (code === ACCOUNT_DEACTIVATED) {
          handlers.onDeactivated();
          return false;
        }
        return opened || handlers.stillSignedIn();
      },
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
