import { VIEWED_MAX, type DashboardServerFrame, type Role } from "../../protocol";
import { isSocketMeta, sendText, SocketSet, type SocketMeta } from "../sockets";

/** Who is behind a dashboard socket, kept in its attachment through hibernation. */
export interface DashboardAgent {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** SPEC §7 feeds: every `new_message` (the default), or only the relevant ones. */
export type Feed = "all" | "relevant";

export interface DashboardAttachment extends SocketMeta {
  agent: DashboardAgent;
  feed: Feed;
  /** Customers (visitor ids) this dashboard has open, for the relevant feed; at most VIEWED_MAX. */
  viewing: string[];
  /** Takes an event's frames as one `batch` frame (`set_feed`); absent on sockets from before batches. */
  batch?: boolean;
}

function isDashboardAttachment(value: unknown): value is DashboardAttachment {
  if (!isSocketMeta(value)) return false;
  const { agent, feed, viewing, batch } = value as Partial<DashboardAttachment>;
  return (
    typeof agent === "object" &&
    agent !== null &&
    typeof agent.id === "string" &&
    typeof agent.name === "string" &&
    (feed === "all" || feed === "relevant") &&
    Array.isArray(viewing) &&
    (batch === undefined || typeof batch === "boolean")
  );
}

/** The two fields of a customer that differ per dashboard (SPEC §7): the rest is shared. */
export interface ViewerFields {
  is_assigned_to_me: boolean;
  unread_count: number;
}

const VIEWER_SLOT = '"__viewer__":0';

/** A `batch` frame around frames already serialized: the text before and after them. */
const [BATCH_HEAD, BATCH_TAIL] = JSON.stringify({ type: "batch", data: { frames: [] } } satisfies DashboardServerFrame).split("[]") as [string, string];

/**
 * The dashboard sockets of one workspace, read from the runtime on every use. While `together`
 * runs, what each dashboard is sent waits in an outbox that lives only for that synchronous call.
 */
export class Dashboards extends SocketSet<DashboardAttachment> {
  private outbox: Map<WebSocket, string[]> | null = null;

  constructor(ctx: DurableObjectState) {
    super(ctx, isDashboardAttachment);
  }

  enter(ws: WebSocket, attachment: Omit<DashboardAttachment, "v" | "feed" | "viewing">): void {
    this.join(ws, attachment.agent.id, { ...attachment, feed: "all", viewing: [] });
  }

  override send(ws: WebSocket, frame: DashboardServerFrame): void {
    super.send(ws, frame);
  }

  onlineAgentIds(except?: WebSocket): Set<string> {
    const ids = new Set<string>();
    for (const ws of this.sockets()) {
      if (ws === except) continue;
      const attachment = this.knownAttachment(ws);
      if (attachment) ids.add(attachment.agent.id);
    }
    return ids;
  }

  /** Rewrites who is behind an agent's open dashboards: their role decides what they may do there. */
  refreshAgent(agent: DashboardAgent): void {
    for (const ws of this.socketsOf(agent.id)) {
      const attachment = this.attachment(ws);
      if (attachment) this.update(ws, { ...attachment, agent });
    }
  }

  /** Sets a dashboard's feed and whether it takes batches (`set_feed`). */
  setFeed(ws: WebSocket, attachment: DashboardAttachment, feed: Feed, batch: boolean): void {
    this.update(ws, { ...attachment, feed, batch });
  }

  /**
   * Runs `work`, one lobby event (synchronous), and then sends each dashboard the frames it made
   * for it: as one `batch` frame when the dashboard takes batches and there are several, else one
   * by one. Per dashboard one socket message per event, whatever the number of frames.
   */
  together<T>(work: () => T): T {
    if (this.outbox) return work();
    const outbox = new Map<WebSocket, string[]>();
    this.outbox = outbox;
    try {
      return work();
    } finally {
      this.outbox = null;
      for (const [ws, texts] of outbox) {
        if (texts.length > 1 && this.knownAttachment(ws)?.batch) sendText(ws, `${BATCH_HEAD}[${texts.join(",")}]${BATCH_TAIL}`);
        else for (const text of texts) sendText(ws, text);
      }
    }
  }

  /** Sends now, or into the outbox while `together` runs. */
  private deliver(ws: WebSocket, text: string): void {
    const queued = this.outbox?.get(ws);
    if (queued) queued.push(text);
    else if (this.outbox) this.outbox.set(ws, [text]);
    else sendText(ws, text);
  }

  /** Adds or removes a viewed customer (`view_customer`, `unview_customer`); the oldest view goes past VIEWED_MAX. */
  setViewing(ws: WebSocket, attachment: DashboardAttachment, customerId: string, viewing: boolean): void {
    const rest = attachment.viewing.filter((id) => id !== customerId);
    const next = viewing ? [...rest, customerId].slice(-VIEWED_MAX) : rest;
    this.update(ws, { ...attachment, viewing: next });
  }

  sendToAgent(agentId: string, frame: DashboardServerFrame): void {
    const text = JSON.stringify(frame);
    for (const ws of this.socketsOf(agentId)) this.deliver(ws, text);
  }

  /**
   * One frame, the same for every dashboard: serialized once, and only when `to` picks a
   * dashboard (a report's messages reach a workspace with no dashboard on their feed for free).
   */
  publish(frame: DashboardServerFrame, to: (attachment: DashboardAttachment) => boolean = () => true): void {
    let text: string | null = null;
    for (const ws of this.sockets()) {
      const attachment = this.knownAttachment(ws);
      if (attachment === null || !to(attachment)) continue;
      text ??= JSON.stringify(frame);
      this.deliver(ws, text);
    }
  }

  /**
   * A frame about a customer, whose two viewer fields differ per dashboard: the frame is
   * serialized once with a slot for them, and each dashboard gets the slot filled for its agent
   * (computed once per agent), so the work per dashboard is constant; nothing is built or
   * serialized when `to` picks no dashboard. `frame` puts the shared customer where the frame wants it.
   */
  publishCustomer(
    shared: () => object,
    frame: (customer: object) => object,
    viewerFields: (agentId: string) => ViewerFields,
    to: (attachment: DashboardAttachment) => boolean = () => true,
  ): void {
    let slotted: [string, string] | null = null;
    const byAgent = new Map<string, string>();
    for (const ws of this.sockets()) {
      const attachment = this.knownAttachment(ws);
      if (!attachment || !to(attachment)) continue;
      let text = byAgent.get(attachment.agent.id);
      if (text === undefined) {
        slotted ??= JSON.stringify(frame({ ...shared(), __viewer__: 0 })).split(VIEWER_SLOT) as [string, string];
        const [head, tail] = slotted;
        const fields = viewerFields(attachment.agent.id);
        text = `${head}"is_assigned_to_me":${fields.is_assigned_to_me},"unread_count":${fields.unread_count}${tail}`;
        byAgent.set(attachment.agent.id, text);
      }
      this.deliver(ws, text);
    }
  }
}
