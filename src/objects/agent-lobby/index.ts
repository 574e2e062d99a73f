import { DurableObject } from "cloudflare:workers";
import type { Customer, DashboardServerFrame, Message } from "../../protocol";
import type { ConversationState, SessionReport } from "../contracts";
import { CustomerStore, type CustomerEntry } from "./customer-store";
import { toCustomer } from "./customer-view";
import { decide } from "./transitions";
import { logEvent } from "../../lib/log";

/**
 * One per workspace: the live list of support sessions, the stopped-customer queue and every
 * assignment decision, taken one at a time so two agents can never both win a customer.
 */
export class AgentLobby extends DurableObject<Env> {
  private readonly customers: CustomerStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.customers = new CustomerStore(ctx.storage.sql);
  }

  /**
   * Called by a ChatSession once per inbound action: records its messages, decides the state
   * change it asks for, tells every dashboard, and returns the authoritative state.
   */
  async report(report: SessionReport): Promise<ConversationState> {
    const now = Date.now();
    const known = this.customers.get(report.ref.id);
    const visitorWrote = report.messages.some((message) => message.sender_type === "user");
    if (!known && !visitorWrote && !report.escalation) return report.state;

    const entry = known ?? CustomerStore.fromRef(report.ref, report.state, now);
    entry.visitorName = report.ref.visitorName ?? entry.visitorName;
    entry.siteName = report.ref.siteName ?? entry.siteName;
    entry.botEnabled = report.ref.botEnabled;
    const previous = entry.state;
    if (report.request) {
      const decision = decide(previous, report.request, { botEnabled: report.ref.botEnabled, now });
      if (decision.ok && decision.value !== previous) entry.state = { ...decision.value, version: this.nextVersion() };
    }
    const last = report.messages.at(-1);
    if (last) recordLastMessage(entry, last);
    if (report.escalation) entry.escalationReason = report.escalation.reason;
    this.save(entry);

    if (!known) this.publish((customer) => ({ type: "new_session", data: { customer: customer(entry) } }));
    for (const message of report.messages) {
      this.publish(() => ({
        type: "new_message",
        data: { customer_id: entry.visitorId, page_id: entry.siteId, message, is_human: message.sender_type === "agent" },
      }));
    }
    const nowWaiting = entry.state.status === "waiting" && previous.status !== "waiting" && previous.status !== "assigned";
    if (nowWaiting) {
      const reason = report.escalation?.reason ?? "The visitor wrote again";
      logEvent("escalation", { conversation_id: entry.conversationId, reason });
      this.publish((customer) => ({
        type: "agent_requested",
        data: {
          customer_id: entry.visitorId,
          customer_name: entry.visitorName,
          page_id: entry.siteId,
          reason,
          customer: customer(entry),
        },
      }));
    }
    this.publishStopChange(previous, entry);
    return entry.state;
  }

  /** The stopped-customer queue (SPEC §7 `get_stopped_customers`), as `agentId` sees it. */
  async stoppedCustomers(options: {
    agentId: string;
    siteId?: string;
    limit: number;
    skip: number;
  }): Promise<{ customers: Customer[]; total: number }> {
    const now = Date.now();
    const { entries, total } = this.customers.stopped(options);
    return { customers: entries.map((entry) => toCustomer(entry, { agentId: options.agentId, unread: 0 }, now)), total };
  }

  private save(entry: CustomerEntry): void {
    if (entry.state.status === "closed") this.customers.delete(entry.conversationId);
    else this.customers.put(entry);
  }

  private nextVersion(): number {
    const next = (this.ctx.storage.kv.get<number>("version") ?? 0) + 1;
    this.ctx.storage.kv.put("version", next);
    return next;
  }

  private publishStopChange(previous: ConversationState, entry: CustomerEntry): void {
    const wasStopped = isStopped(previous);
    const stopped = isStopped(entry.state);
    if (wasStopped === stopped) return;
    this.publish((customer) => ({ type: "customer_stop_status_changed", data: { stop: stopped, customer: customer(entry) } }));
  }

  /**
   * Sends one event to every dashboard of this workspace, rendered for each agent (whether the
   * customer is theirs differs per reader).
   */
  private publish(build: (customer: (entry: CustomerEntry) => Customer) => DashboardServerFrame): void {
    const now = Date.now();
    for (const ws of this.ctx.getWebSockets()) {
      const agentId = (ws.deserializeAttachment() as { agentId?: string } | null)?.agentId ?? "";
      const frame = build((entry) => toCustomer(entry, { agentId, unread: 0 }, now));
      try {
        ws.send(JSON.stringify(frame));
      } catch {
        // Closing sockets are cleaned up by their close event.
      }
    }
  }
}

function isStopped(state: ConversationState): boolean {
  return state.status === "waiting" || state.status === "assigned";
}

function recordLastMessage(entry: CustomerEntry, message: Message): void {
  entry.lastMessage = message.content.slice(0, 140);
  entry.lastMessageAt = Date.parse(message.timestamp);
  entry.lastSenderType = message.sender_type;
  entry.lastSeq = Math.max(entry.lastSeq, message.seq);
}
