import { agentPrincipal } from "../../auth/caller";
import { database } from "../../db/client";
import { findAgent } from "../../db/queries/agents";
import { logEvent } from "../../lib/log";
import { fail, ok, type Result } from "../../lib/result";
import type { AgentRef, Customer, Message, SessionFilter } from "../../protocol";
import type { ConversationRef, ConversationState, SessionReport, StateRequest } from "../contracts";
import { chatSessionOf } from "../stubs";
import { CustomerStore, type CustomerEntry } from "./customer-store";
import { toCustomer } from "./customer-view";
import type { DashboardAgent, Dashboards } from "./dashboards";
import type { ReadStore } from "./read-store";
import { decide } from "./transitions";

export interface LobbyDeps {
  env: Env;
  kv: SyncKvStorage;
  customers: CustomerStore;
  reads: ReadStore;
  dashboards: Dashboards;
}

/** How a dashboard names a customer: the visitor and the site (SPEC §7). */
export interface CustomerTarget {
  customer_id: string;
  page_id: string;
}

const NOT_FOUND = fail(404, "not_found", "No open session of this customer in your workspace");

/**
 * What the lobby decides and announces. Every decision is taken and stored synchronously, before
 * anything is awaited, so two requests for one customer can never both win.
 */
export class LobbyActions {
  constructor(private readonly deps: LobbyDeps) {}

  view(entry: CustomerEntry, viewerId: string, now = Date.now()): Customer {
    return toCustomer(entry, { agentId: viewerId, unread: this.deps.reads.unread(viewerId, entry.conversationId) }, now);
  }

  find(target: CustomerTarget): Result<CustomerEntry> {
    const entry = this.deps.customers.findByVisitor(target.customer_id, target.page_id);
    return entry ? ok(entry) : NOT_FOUND;
  }

  sessions(viewer: DashboardAgent, filter: SessionFilter = "open", siteId?: string): Customer[] {
    const now = Date.now();
    return this.deps.customers
      .all()
      .filter((entry) => (!siteId || entry.siteId === siteId) && matches(entry, filter, viewer.id))
      .map((entry) => this.view(entry, viewer.id, now));
  }

  stopped(viewerId: string, options: { siteId?: string | undefined; limit: number; skip: number }) {
    const now = Date.now();
    const { entries, total } = this.deps.customers.stopped(options);
    return { customers: entries.map((entry) => this.view(entry, viewerId, now)), total };
  }

  /** A ChatSession's turn: its messages, its escalation, the change it asks for. */
  report(report: SessionReport): ConversationState {
    const now = Date.now();
    this.rememberWorkspace(report.ref.workspaceId);
    const known = this.deps.customers.get(report.ref.id);
    const visitorWrote = report.messages.some((message) => message.sender_type === "user");
    if (!known && !visitorWrote && !report.escalation) return report.state;

    const entry = known ?? CustomerStore.fromRef(report.ref, report.state, now);
    refreshNames(entry, report.ref);
    const previous = entry.state;
    if (report.request) {
      const decision = decide(previous, report.request, { botEnabled: report.ref.botEnabled, now });
      if (decision.ok && decision.value !== previous) entry.state = { ...decision.value, version: this.nextVersion() };
    }
    for (const message of report.messages) this.recordMessage(entry, message);
    if (report.escalation) entry.escalationReason = report.escalation.reason;
    this.save(entry);

    const { dashboards } = this.deps;
    if (!known) dashboards.publish((viewer) => ({ type: "new_session", data: { customer: this.view(entry, viewer.id, now) } }));
    for (const message of report.messages) this.publishMessage(entry, message);
    const requested = entry.state.status === "waiting" && previous.status !== "waiting" && previous.status !== "assigned";
    if (requested) {
      const reason = report.escalation?.reason ?? "The visitor wrote again";
      logEvent("escalation", { conversation_id: entry.conversationId, reason });
      dashboards.publish((viewer) => ({
        type: "agent_requested",
        data: {
          customer_id: entry.visitorId,
          customer_name: entry.visitorName,
          page_id: entry.siteId,
          reason,
          customer: this.view(entry, viewer.id, now),
        },
      }));
    }
    this.publishStopChange(previous, entry);
    this.forgetIfClosed(entry);
    return entry.state;
  }

  /** An agent writing in a session's room takes it when free (SPEC §4.6). */
  async claim(session: { ref: ConversationRef; state: ConversationState }, agent: AgentRef): Promise<Result<ConversationState>> {
    this.rememberWorkspace(session.ref.workspaceId);
    const known = this.deps.customers.get(session.ref.id);
    const entry = known ?? CustomerStore.fromRef(session.ref, session.state, Date.now());
    const changed = await this.change(entry, { type: "assign", agent });
    if (!changed.ok) return changed;
    if (!known) {
      const now = Date.now();
      this.deps.dashboards.publish((viewer) => ({ type: "new_session", data: { customer: this.view(entry, viewer.id, now) } }));
    }
    return ok(changed.value.state);
  }

  async assign(agent: DashboardAgent, target: CustomerTarget): Promise<Result<CustomerEntry>> {
    const found = this.find(target);
    return found.ok ? this.change(found.value, { type: "assign", agent: refOf(agent) }) : found;
  }

  async unassign(agent: DashboardAgent, target: CustomerTarget): Promise<Result<CustomerEntry>> {
    const found = this.findOwnedBy(agent, target, "release this customer");
    if (!found.ok) return found;
    return this.change(found.value, { type: "unassign", agent: found.value.state.agent ?? refOf(agent) });
  }

  async transfer(agent: DashboardAgent, target: CustomerTarget, toAgentId: string): Promise<Result<CustomerEntry>> {
    const found = this.findOwnedBy(agent, target, "transfer this customer");
    if (!found.ok) return found;
    const to = await findAgent(database(this.deps.env.DB), this.workspaceId(), toAgentId);
    if (!to || !to.active) return fail(404, "agent_not_found", "No active agent with this id in your workspace");
    const from = found.value.state.agent ?? refOf(agent);
    return this.change(found.value, { type: "transfer", from, to: { id: to.id, name: to.name } });
  }

  async close(agent: DashboardAgent, target: CustomerTarget): Promise<Result<CustomerEntry>> {
    const found = this.findOwnedBy(agent, target, "close this conversation");
    if (!found.ok) return found;
    return this.change(found.value, { type: "close", by: refOf(agent) });
  }

  /** A customer that this agent may act on: unassigned, theirs, or anyone's for an admin. */
  private findOwnedBy(agent: DashboardAgent, target: CustomerTarget, action: string): Result<CustomerEntry> {
    const found = this.find(target);
    if (!found.ok) return found;
    const holder = found.value.state.agent;
    if (holder && holder.id !== agent.id && agent.role !== "admin") {
      return fail(403, "not_your_customer", `Only ${holder.name} or an admin can ${action}`);
    }
    return found;
  }

  /** SPEC §7 `send_message`: takes the customer when free, then writes as the agent. */
  async sendMessage(
    agent: DashboardAgent,
    target: CustomerTarget,
    content: string,
    clientMsgId: string | undefined,
  ): Promise<Result<Message>> {
    const found = this.find(target);
    if (!found.ok) return found;
    if (found.value.state.agent?.id !== agent.id) {
      const assigned = await this.change(found.value, { type: "assign", agent: refOf(agent) });
      if (!assigned.ok) return assigned;
    }
    const principal = this.principalOf(agent);
    const posted = await chatSessionOf(this.deps.env, found.value.conversationId).postAsAgent(principal, { content, clientMsgId });
    return posted.ok ? ok(posted.value.message) : posted;
  }

  async markRead(agent: DashboardAgent, target: CustomerTarget, seq: number): Promise<Result<number>> {
    const found = this.find(target);
    if (!found.ok) return found;
    await chatSessionOf(this.deps.env, found.value.conversationId).agentRead(this.principalOf(agent), seq);
    return ok(this.agentRead(agent.id, found.value.conversationId, seq));
  }

  async typing(agent: DashboardAgent, target: CustomerTarget, isTyping: boolean): Promise<Result<null>> {
    const found = this.find(target);
    if (!found.ok) return found;
    await chatSessionOf(this.deps.env, found.value.conversationId).agentTyping(this.principalOf(agent), isTyping);
    return ok(null);
  }

  /** An agent read in a room or on a dashboard: their unread count goes down on every tab. */
  agentRead(agentId: string, conversationId: string, seq: number): number {
    const entry = this.deps.customers.get(conversationId);
    if (!entry) return 0;
    this.deps.reads.markRead(agentId, conversationId, seq);
    const unread = this.deps.reads.unread(agentId, conversationId);
    this.deps.dashboards.sendToAgent(agentId, {
      type: "read",
      data: { customer_id: entry.visitorId, page_id: entry.siteId, unread_count: unread },
    });
    return unread;
  }

  visitorTyping(conversationId: string, isTyping: boolean): void {
    const entry = this.deps.customers.get(conversationId);
    if (!entry) return;
    this.deps.dashboards.publish(() => ({
      type: "typing",
      data: { customer_id: entry.visitorId, page_id: entry.siteId, sender_type: "user", sender_name: entry.visitorName, is_typing: isTyping },
    }));
  }

  /**
   * Decides a change, stores it, tells every dashboard, then has the session tell its room.
   * Everything before the first `await` runs as one step of this single-threaded object.
   */
  private async change(entry: CustomerEntry, request: StateRequest): Promise<Result<CustomerEntry>> {
    const now = Date.now();
    const previous = entry.state;
    const decision = decide(previous, request, { botEnabled: entry.botEnabled, now });
    if (!decision.ok) return decision;
    if (decision.value === previous) return ok(entry);
    entry.state = { ...decision.value, version: this.nextVersion() };
    this.save(entry);
    this.publishAssignment(entry, previous, request);
    this.publishStopChange(previous, entry);

    const note = await this.tellRoom(entry, request);
    if (note) {
      this.recordMessage(entry, note);
      if (this.deps.customers.get(entry.conversationId)) this.save(entry);
      this.publishMessage(entry, note);
    }
    this.forgetIfClosed(entry);
    return ok(entry);
  }

  /**
   * The decision already stands when the room hears of it; if the session cannot be reached now,
   * it learns the state from the lobby's answer to its next report.
   */
  private async tellRoom(entry: CustomerEntry, request: StateRequest): Promise<Message | null> {
    try {
      return await chatSessionOf(this.deps.env, entry.conversationId).applyChange({ state: entry.state, request });
    } catch (error) {
      logEvent("error", { where: "lobby.applyChange", conversation_id: entry.conversationId, error: String(error) });
      return null;
    }
  }

  private publishAssignment(entry: CustomerEntry, previous: ConversationState, request: StateRequest): void {
    if (request.type !== "assign" && request.type !== "unassign" && request.type !== "transfer") return;
    const action = request.type === "unassign" ? "unassigned" : "assigned";
    const agent = action === "assigned" ? entry.state.agent : previous.agent;
    const now = Date.now();
    this.deps.dashboards.publish((viewer) => ({
      type: "agent_assignment_changed",
      data: {
        action,
        customer_id: entry.visitorId,
        page_id: entry.siteId,
        agent_id: agent?.id ?? null,
        agent_name: agent?.name ?? null,
        customer: this.view(entry, viewer.id, now),
      },
    }));
  }

  private publishStopChange(previous: ConversationState, entry: CustomerEntry): void {
    const stopped = isStopped(entry.state);
    if (isStopped(previous) === stopped) return;
    const now = Date.now();
    this.deps.dashboards.publish((viewer) => ({
      type: "customer_stop_status_changed",
      data: { stop: stopped, customer: this.view(entry, viewer.id, now) },
    }));
  }

  private publishMessage(entry: CustomerEntry, message: Message): void {
    this.deps.dashboards.publish(() => ({
      type: "new_message",
      data: { customer_id: entry.visitorId, page_id: entry.siteId, message, is_human: message.sender_type === "agent" },
    }));
  }

  private recordMessage(entry: CustomerEntry, message: Message): void {
    entry.lastSeq = Math.max(entry.lastSeq, message.seq);
    // System notes ("Sam joined") make poor previews; the list shows what people wrote.
    if (message.sender_type !== "system") {
      entry.lastMessage = message.content.slice(0, 140);
      entry.lastMessageAt = Date.parse(message.timestamp);
      entry.lastSenderType = message.sender_type;
    }
    if (message.sender_type === "user") this.deps.reads.addVisitorMessage(entry.conversationId, message.seq);
    // Whoever answers has read what they answer.
    if (message.sender_type === "agent") this.deps.reads.markRead(message.sender_id, entry.conversationId, message.seq);
  }

  private save(entry: CustomerEntry): void {
    if (entry.state.status === "closed") this.deps.customers.delete(entry.conversationId);
    else this.deps.customers.put(entry);
  }

  private forgetIfClosed(entry: CustomerEntry): void {
    if (entry.state.status === "closed") this.deps.reads.forget(entry.conversationId);
  }

  private nextVersion(): number {
    const next = (this.deps.kv.get<number>("version") ?? 0) + 1;
    this.deps.kv.put("version", next);
    return next;
  }

  rememberWorkspace(workspaceId: string): void {
    if (this.deps.kv.get("workspace_id") !== workspaceId) this.deps.kv.put("workspace_id", workspaceId);
  }

  workspaceId(): string {
    const id = this.deps.kv.get<string>("workspace_id");
    if (!id) throw new Error("AgentLobby used before it learned its workspace");
    return id;
  }

  private principalOf(agent: DashboardAgent) {
    return agentPrincipal({ id: agent.id, name: agent.name, workspaceId: this.workspaceId(), role: agent.role });
  }
}

function refOf(agent: DashboardAgent): AgentRef {
  return { id: agent.id, name: agent.name };
}

function isStopped(state: ConversationState): boolean {
  return state.status === "waiting" || state.status === "assigned";
}

function matches(entry: CustomerEntry, filter: SessionFilter, viewerId: string): boolean {
  switch (filter) {
    case "waiting":
      return entry.state.status === "waiting";
    case "mine":
      return entry.state.agent?.id === viewerId;
    case "bot":
      return entry.state.status === "bot";
    case "open":
      return true;
  }
}

function refreshNames(entry: CustomerEntry, ref: ConversationRef): void {
  entry.visitorName = ref.visitorName ?? entry.visitorName;
  entry.siteName = ref.siteName ?? entry.siteName;
  entry.botEnabled = ref.botEnabled;
}
