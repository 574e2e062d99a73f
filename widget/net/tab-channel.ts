import type { ClientFrame, ServerFrame, UnreadReplies } from "@parley/protocol";
import type { ConnectionState } from "./connection";

/**
 * What the tabs of one site tell each other. The leader relays every server frame and its
 * connection state; followers hand it frames to send (their new outbox items too, since a tab
 * sees another's localStorage writes only later) and ask for a snapshot when they start. Every
 * tab with a panel tells the unread replies, which the loader of a tab without one listens for.
 */
export type TabMessage =
  | { t: "frame"; frame: ServerFrame }
  | { t: "state"; state: ConnectionState }
  | { t: "send"; frame: ClientFrame }
  | { t: "sync" }
  | { t: "unread"; unread: UnreadReplies };

export class TabChannel {
  private readonly channel: BroadcastChannel | null;

  constructor(name: string, onMessage: (message: TabMessage) => void) {
    this.channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(name) : null;
    this.channel?.addEventListener("message", (event: MessageEvent<TabMessage>) => onMessage(event.data));
  }

  post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  close(): void {
    this.channel?.close();
  }
}
