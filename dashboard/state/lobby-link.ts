import { signal } from "@preact/signals";
import type { DashboardClientFrame } from "@parley/protocol";
import type { DashboardSocket } from "../net/dashboard-socket";
import type { LinkState } from "../net/agent-socket";

/** The state of the workspace socket, for the connection banner. */
export const lobbyLink = signal<LinkState>("connecting");

/** The server turned this dashboard away: the agent has the most dashboards open it allows. */
export const tooManyTabs = signal(false);

let socket: DashboardSocket | null = null;

export function attachLobbySocket(next: DashboardSocket | null): void {
  socket = next;
}

/** False when the socket is down; callers tell the agent instead of queueing actions for later. */
export function sendToLobby(frame: DashboardClientFrame): boolean {
  return socket?.send(frame) ?? false;
}
