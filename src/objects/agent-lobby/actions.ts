import { agentPrincipal } from "../../auth/caller";
import { database } from "../../db/client";
import { findAgent } from "../../db/queries/agents";
import { logEvent } from "../../lib/log";
import { fail, ok, type Result } from "../../lib/result";
import type { AgentRef, Customer, Message, SessionFilter } from "../../protocol";
import type { KeyValues } from "../cached-kv";
import type { ConversationRef, ConversationState, ReopenHistory, SessionReport, StateRequest } from "../contracts";
import { chatSessionOf } from "../stubs";
import { CustomerStore, type CustomerEntry } from "./customer-store";
import { decodeListCursor, encodeListCursor, TIERS_OF } from "./list-cursor";
import type { Announcements } from "./announcements";
import type { DashboardAgent, Dashboards } from "./dashboards";
import type { PresenceStore } from "./presence";
import type { ReadStore } from "./read-store";
import { recordMessages, refreshNames } from "./report-activity";
import { decide, type DecideOptions, type Unversioned } from "./transitions";

export interface LobbyDeps {
  env: Env;
  kv: KeyValues;
  customers: CustomerStore;
  reads: ReadStore;
  dashboards: Dashboards;
  presence: PresenceStore;
  announce: Announcements;
}

/** How a dashboard names a customer: the visitor and the site (SPEC §7). */
export interface CustomerTarget {
  customer_id: string;
  page_id: string;
}

type SessionsQuery = { filter: SessionFilter; siteId?: string | undefined; cursor?: string | undefined; limit: number };

const NOT_FOUND = fail(404, "not_found", "No open session of this customer in your workspace");
const SITE_DELETED = fail(410, "site_deleted", "This conversation's website was removed, so it stays closed");

/** Why a session is waiting again when its visitor wrote after it had left the queue. */
const REOPENED_REASON = "The visitor wrote again";

/** Lobby KV key marking a deleted site: none of its sessions is listed or reopened again. */
const deletedSiteKey = (siteId: string) => `deleted_site:${siteId}`;

/**
 * What the lobby decides and announces. Every decision is taken and stored synchronously, before
 * anything is awaited, so two requests for one customer can never both win; and nothing read
 * before an `await` is written back after it, so a turn that lands meanwhile is never undone.
 */
export class LobbyActions {
  constructor(private readonly deps: LobbyDeps) {}

  view(entry: CustomerEntry, viewerId: string, now = Date.now()): Customer {
    return this.deps.announce.view(entry, viewerId, now);
  }

  find(target: CustomerTarget): Result<CustomerEntry> {
    const entry = this.deps.customers.findByVisitor(target.customer_id, target.page_id);
    return entry ? ok(entry) : NOT_FOUND;
  }

  /**
   * One page of the live list as `viewer` sees it (SPEC §7 "list all sessions with filters"):
   * waiting first, then theirs, then the rest. A cursor this lobby did not give out is refused.
   */
  sessions(viewer: DashboardAgent, options: SessionsQuery): Result<{ customers: Customer[]; next_cursor: string | null }> {
    const after = options.cursor === undefined ? null : decodeListCursor(options.cursor);
    if (after === undefined) return fail(400, "invalid_frame", "cursor is not one this server gave out");
    const now = Date.now();
    const page = this.deps.customers.page(viewer.id, { tiers: TIERS_OF[options.filter], siteId: options.siteId, after, limit: options.limit });
    return ok({
      customers: page.entries.map((entry) => this.view(entry, viewer.id, now)),
      next_cursor: page.next ? encodeListCursor(page.next) : null,
    });
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
    // A state request is decided even for a session the lobby lost: a timeout must not leave it open.
    if (!known && !visitorWrote && !report.escalation && !report.request) return report.state;
    // A session of a deleted site that was not open when the site went (a socket from before).
    if (!known && this.siteDeleted(report.ref)) return this.closedForGood(report.ref, report.state);

    const entry = known ?? CustomerStore.fromRef(report.ref, report.state, now);
    refreshNames(entry, report.ref);
    const previous = entry.state;
    if (report.request) {
      const decision = decide(previous, report.request, this.decideOptions(report.ref.botEnabled, now));
      if (decision.ok && decision.value !== previous) entry.state = this.versioned(entry.conversationId, previous, decision.value, report.request.type);
    }
    recordMessages(entry, report.messages, this.deps.reads);
    if (report.escalation) entry.escalationReason = report.escalation.reason;
    this.save(entry);

    // The frames that carry the customer first; they make a `session_updated` for it redundant.
    const { announce } = this.deps;
    if (!known && entry.state.status !== "closed") announce.newSession(entry, now);
    const requested = announce.requested(previous, entry, report.escalation?.reason ?? REOPENED_REASON, now);
    const stopChanged = announce.stopChange(previous, entry);
    announce.messages(entry, report.messages, now, !known || requested || stopChanged);
    this.forgetIfClosed(entry);
    return entry.state;
  }

  /**
   * A visitor wrote into a closed conversation (SPEC §3): back to its last agent when that agent
   * is available, else to the queue if a human was ever asked for, else to the bot. Decided and
   * announced at once; `reopened` is false when the session was not closed after all.
   */
  reopen(session: { ref: ConversationRef; state: ConversationState }, history: ReopenHistory): { state: ConversationState; reopened: boolean } {
    if (this.siteDeleted(session.ref)) return { state: session.state, reopened: false };
    const entry = this.entryFor(session);
    const decided = this.decideAndAnnounce(entry, { type: "reopen", ...history });
    if (decided.ok && decided.value) logEvent("reopened", { conversation_id: entry.conversationId, status: entry.state.status });
    return { state: entry.state, reopened: decided.ok && decided.value };
  }

  /**
   * An agent writing in a session's room takes it when free (SPEC §4.6). Decided and announced
   * at once; the session itself writes who joined, in the same turn as the agent's message.
   */
  claim(session: { ref: ConversationRef; state: ConversationState }, agent: AgentRef): Result<{ state: ConversationState; changed: boolean }> {
    if (this.siteDeleted(session.ref)) return SITE_DELETED;
    const entry = this.entryFor(session);
    const decided = this.decideAndAnnounce(entry, { type: "assign", agent });
    return decided.ok ? ok({ state: entry.state, changed: decided.value }) : decided;
  }

  /** The lobby's entry of a session it is asked about, or a new one from the session's own view. */
  private entryFor(session: { ref: ConversationRef; state: ConversationState }): CustomerEntry {
    this.rememberWorkspace(session.ref.workspaceId);
    const entry = this.deps.customers.get(session.ref.id) ?? CustomerStore.fromRef(session.ref, session.state, Date.now());
    refreshNames(entry, session.ref);
    return entry;
  }

  async assign(agent: DashboardAgent, target: CustomerTarget): Promise<Result<CustomerEntry>> {
    const found = this.find(target);
    return found.ok ? this.change(found.value.conversationId, () => ok({ type: "assign", agent: refOf(agent) })) : found;
  }

  async unassign(agent: DashboardAgent, target: CustomerTarget): Promise<Result<CustomerEntry>> {
    const found = this.find(target);
    if (!found.ok) return found;
    return this.change(found.value.conversationId, (entry) => {
      const allowed = this.mayAct(agent, entry, "release this customer");
      return allowed.ok ? ok({ type: "unassign", agent: entry.state.agent ?? refOf(agent) }) : allowed;
    });
  }

  async transfer(agent: DashboardAgent, target: CustomerTarget, toAgentId: string): Promise<Result<CustomerEntry>> {
    const to = await findAgent(database(this.deps.env.DB), this.workspaceId(), toAgentId);
    // Looked up after the await: what was true before it may not be now.
    const found = this.find(target);
    if (!found.ok) return found;
    if (!to || !to.active) return fail(404, "agent_not_found", "No active agent with this id in your workspace");
    return this.change(found.value.conversationId, (entry) => {
      const allowed = this.mayAct(agent, entry, "transfer this customer");
      return allowed.ok ? ok({ type: "transfer", from: entry.state.agent ?? refOf(agent), to: { id: to.id, name: to.name } }) : allowed;
    });
  }

  async close(agent: DashboardAgent, target: CustomerTarget): Promise<Result<CustomerEntry>> {
    const found = this.find(target);
    if (!found.ok) return found;
    return this.change(found.value.conversationId, (entry) => {
      const allowed = this.mayAct(agent, entry, "close this conversation");
      return allowed.ok ? ok({ type: "close", by: refOf(agent) }) : allowed;
    });
  }

  /**
   * An admin deleted a site (SPEC §5): from now on none of its sessions is listed, reopened or
   * taken, and each open one is closed as an agent's close is, its room told with a system line
   * and its visitors let go. Returns how many it closed.
   */
  async closeSite(siteId: string): Promise<number> {
    this.deps.kv.put(deletedSiteKey(siteId), true);
    const open = this.deps.customers.idsOfSite(siteId);
    await Promise.all(open.map((conversationId) => this.change(conversationId, () => ok({ type: "site_deleted" }))));
    return open.length;
  }

  private siteDeleted(ref: ConversationRef): boolean {
    return ref.siteId !== null && this.deps.kv.get<boolean>(deletedSiteKey(ref.siteId)) === true;
  }

  /** The state of a deleted site's session: closed, with a version of its own when it was not yet. */
  private closedForGood(ref: ConversationRef, state: ConversationState): ConversationState {
    const decided = decide(state, { type: "site_deleted" }, this.decideOptions(false, Date.now()));
    if (!decided.ok || decided.value === state) return state;
    return this.versioned(ref.id, state, decided.value, "site_deleted");
  }

  /** Whether this agent may act on a customer: unassigned, theirs, or anyone's for an admin. */
  private mayAct(agent: DashboardAgent, entry: CustomerEntry, action: string): Result<null> {
    const holder = entry.state.agent;
    if (holder && holder.id !== agent.id && agent.role !== "admin") {
      return fail(403, "not_your_customer", `Only ${holder.name} or an admin can ${action}`);
    }
    return ok(null);
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
      const assigned = await this.change(found.value.conversationId, () => ok({ type: "assign", agent: refOf(agent) }));
      if (!assigned.ok) return assigned;
    }
    const principal = this.principalOf(agent);
    const posted = await chatSessionOf(this.deps.env, found.value.conversationId).postAsAgent(principal, { content, clientMsgId });
    return posted.ok ? ok(posted.value.message) : posted;
  }

  async markRead(agent: DashboardAgent, target: CustomerTarget, seq: number): Promise<Result<number>> {
    const found = this.find(target);
    if (!found.ok) return found;
    const read = await chatSessionOf(this.deps.env, found.value.conversationId).agentRead(this.principalOf(agent), seq);
    return read.ok ? ok(this.agentRead(agent.id, found.value.conversationId, seq)) : read;
  }

  async typing(agent: DashboardAgent, target: CustomerTarget, isTyping: boolean): Promise<Result<null>> {
    const found = this.find(target);
    if (!found.ok) return found;
    return chatSessionOf(this.deps.env, found.value.conversationId).agentTyping(this.principalOf(agent), isTyping);
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
    this.deps.announce.typing(entry, isTyping);
  }

  /**
   * Decides a change on the entry as it is now, stores it and tells every dashboard, all in one
   * synchronous step; then has the session tell its room. `requestFor` sees the current entry,
   * so permissions and "from whom" are judged on it. After the room answers, the entry is read
   * again: a visitor message or another change may have landed during the await.
   */
  private async change(
    conversationId: string,
    requestFor: (entry: CustomerEntry) => Result<StateRequest>,
  ): Promise<Result<CustomerEntry>> {
    const entry = this.deps.customers.get(conversationId);
    if (!entry) return NOT_FOUND;
    const request = requestFor(entry);
    if (!request.ok) return request;
    const decided = this.decideAndAnnounce(entry, request.value);
    if (!decided.ok) return decided;
    if (!decided.value) return ok(entry);
    const messages = await this.tellRoom(conversationId, entry.state, request.value);
    this.messagesFromRoom(entry, messages);
    return ok(this.deps.customers.get(conversationId) ?? entry);
  }

  /**
   * Decides `request` on `entry` and, when it changes the state, stores it and tells every
   * dashboard, in one synchronous step. Returns whether the state changed (mutating `entry`).
   */
  private decideAndAnnounce(entry: CustomerEntry, request: StateRequest): Result<boolean> {
    const now = Date.now();
    const isNew = this.deps.customers.get(entry.conversationId) === null;
    const previous = entry.state;
    const decision = decide(previous, request, this.decideOptions(entry.botEnabled, now));
    if (!decision.ok) return decision;
    if (decision.value === previous) return ok(false);
    entry.state = this.versioned(entry.conversationId, previous, decision.value, request.type);
    if (request.type === "reopen") entry.escalationReason = entry.state.status === "waiting" ? REOPENED_REASON : null;
    this.save(entry);
    const { announce, dashboards } = this.deps;
    dashboards.together(() => {
      if (isNew) announce.newSession(entry, now);
      announce.assignment(entry, previous, request);
      announce.requested(previous, entry, REOPENED_REASON, now);
      announce.stopChange(previous, entry);
    });
    this.forgetIfClosed(entry);
    return ok(true);
  }

  /**
   * The decision already stands when the room hears of it; if the session cannot be reached now,
   * it learns the state from the lobby's answer to its next report. The room answers with the
   * messages it had not reported yet, its line about this change among them.
   */
  private async tellRoom(conversationId: string, state: ConversationState, request: StateRequest): Promise<Message[]> {
    try {
      return await chatSessionOf(this.deps.env, conversationId).applyChange({ state, request });
    } catch (error) {
      logEvent("error", { where: "lobby.applyChange", conversation_id: conversationId, error: String(error) });
      return [];
    }
  }

  /** The room's unreported messages, recorded on the entry as it is now (if still open). */
  private messagesFromRoom(decided: CustomerEntry, messages: Message[]): void {
    if (messages.length === 0) return;
    const current = this.deps.customers.get(decided.conversationId);
    if (current) {
      recordMessages(current, messages, this.deps.reads);
      this.save(current);
    }
    this.deps.dashboards.together(() => this.deps.announce.messages(current ?? decided, messages, Date.now()));
  }

  private decideOptions(botEnabled: boolean, now: number): DecideOptions {
    return { botEnabled, now, isAvailable: (agentId) => this.isAvailable(agentId) };
  }

  /** SPEC §12: an agent with a dashboard open (or just reloading it) who has not set themself away. */
  isAvailable(agentId: string): boolean {
    const { dashboards, presence } = this.deps;
    return (dashboards.socketsOf(agentId).length > 0 || presence.isLeaving(agentId)) && !presence.isAway(agentId);
  }

  private save(entry: CustomerEntry): void {
    if (entry.state.status === "closed") this.deps.customers.delete(entry.conversationId);
    else this.deps.customers.put(entry);
  }

  private forgetIfClosed(entry: CustomerEntry): void {
    if (entry.state.status === "closed") this.deps.reads.forget(entry.conversationId);
  }

  /** A decided state with its version, and the change's log line (SPEC §11: state changes are always logged). */
  private versioned(conversationId: string, from: ConversationState, to: Unversioned, cause: StateRequest["type"]): ConversationState {
    const version = (this.deps.kv.get<number>("version") ?? 0) + 1;
    this.deps.kv.put("version", version);
    logEvent("state_change", { conversation_id: conversationId, from: from.status, to: to.status, agent_id: to.agent?.id ?? null, cause });
    return { ...to, version };
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
