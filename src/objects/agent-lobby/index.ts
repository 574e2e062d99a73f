import { chatLimits } from "../../config";
import { database } from "../../db/client";
import { listAgents } from "../../db/queries/agents";
import { recordAgentsAvailable } from "../../db/queries/workspaces";
import { logEvent } from "../../lib/log";
import type { Result } from "../../lib/result";
import { SESSIONS_PAGE, SIGNED_OUT_REASONS, type AgentRef, type Customer, type DashboardServerFrame, type SignedOutReason } from "../../protocol";
import {
  UPGRADE_CONTEXT_HEADER,
  type AuthSessionRef,
  type ConversationRef,
  type ConversationState,
  type IndexStatement,
  type ReopenHistory,
  type SessionReport,
  type TeamDelivery,
} from "../contracts";
import { CachedKv } from "../cached-kv";
import { countConstruction } from "../constructions";
import { PersonBudget } from "../person-budget";
import { HibernatingObject } from "../hibernating-object";
import { SweepPlan } from "../sweep-plan";
import { refuseUpgrade } from "../sockets";
import { LobbyActions } from "./actions";
import { IdleSweep } from "./idle-sweep";
import { IndexWrites } from "./index-writes";
import { Announcements } from "./announcements";
import { CustomerStore } from "./customer-store";
import { handleDashboardFrame } from "./dashboard-frames";
import { Dashboards, type DashboardAgent } from "./dashboards";
import { PRESENCE_GRACE_MS, PRESENCE_RETRY_MS, PresenceStore } from "./presence";
import { ReadStore } from "./read-store";

/** Most sessions one run of the inactivity sweep asks; the alarm comes back at once for the rest. */
const IDLE_SWEEP_BATCH = 50;

/** What the worker tells the lobby about an authenticated dashboard upgrade. */
export interface DashboardUpgradeContext {
  agent: DashboardAgent;
  workspaceId: string;
  /** The sign-in the socket is opened with; ending it closes the socket (SPEC §5). */
  auth: AuthSessionRef;
}

/**
 * One per workspace: every dashboard socket, the live list of support sessions, the
 * stopped-customer queue and every assignment decision, taken one at a time so two agents can
 * never both win a customer.
 */
export class AgentLobby extends HibernatingObject {
  private readonly dashboards: Dashboards;
  private readonly presence: PresenceStore;
  private readonly budget: PersonBudget;
  private readonly actions: LobbyActions;
  private readonly idle: IdleSweep;
  private readonly indexWrites: IndexWrites;
  private readonly sweeps: SweepPlan;
  private readonly limits = chatLimits(this.env);
  /**
   * The workspace's agents as read from D1 for an `agents` frame, while the read is on its way:
   * dashboards that connect meanwhile share it (a reconnect storm after a deploy makes a read per
   * few dashboards, not one each), so a frame is at most one D1 round trip older than its ask.
   */
  private agentsRead: ReturnType<typeof listAgents> | null = null;
  /** The presence record's writes in flight; nothing lost if hibernation drops it, as none is pending then. */
  private recordWrites: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    countConstruction("AgentLobby");
    this.dashboards = new Dashboards(ctx);
    this.presence = new PresenceStore(ctx.storage.kv);
    this.budget = new PersonBudget(ctx.storage.kv, { burst: this.limits.rateBurst, perSecond: this.limits.ratePerSecond });
    const reads = new ReadStore(ctx.storage);
    const customers = new CustomerStore(ctx.storage);
    this.idle = new IdleSweep({ env, customers });
    this.indexWrites = new IndexWrites(ctx.storage, env, ctx.id.toString(), this.limits.indexFlushMs);
    this.sweeps = new SweepPlan(ctx.storage.kv, this.limits.sweepMs);
    this.actions = new LobbyActions({
      env,
      // Its keys (workspace, version, deleted sites) are read on every report: through a copy.
      kv: new CachedKv(ctx.storage.kv),
      customers,
      reads,
      dashboards: this.dashboards,
      presence: this.presence,
      announce: new Announcements(this.dashboards, reads),
    });
  }

  /**
   * A dashboard socket, forwarded by the worker once it has checked the agent's cookie and
   * origin. An agent may hold `CHAT_MAX_SOCKETS_PER_PERSON` dashboards; the newest over it is
   * closed with 4029 `too_many_sockets`; one opened while the agent cools down from a flood is
   * answered HTTP 429 `rate_limited` (`refuseUpgrade`).
   */
  override async fetch(request: Request): Promise<Response> {
    const header = request.headers.get(UPGRADE_CONTEXT_HEADER);
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket" || !header) {
      return new Response("Expected a WebSocket upgrade from the worker", { status: 426 });
    }
    const { agent, workspaceId, auth } = JSON.parse(header) as DashboardUpgradeContext;
    this.actions.rememberWorkspace(workspaceId);
    const caps = { perPerson: this.limits.maxSocketsPerPerson, total: Infinity };
    const refused = refuseUpgrade(this.dashboards, this.budget, { personId: agent.id, auth, caps });
    if (refused) {
      logEvent("socket_refused", { workspace_id: workspaceId, agent_id: agent.id, reason: refused.reason });
      return refused.response;
    }
    const { 0: client, 1: server } = new WebSocketPair();
    const now = Date.now();
    const alreadyOnline = this.dashboards.socketsOf(agent.id).length > 0 || this.presence.cancelLeaving(agent.id);
    this.dashboards.enter(server, { agent, connectedAt: now, lastSeenAt: now, auth });

    // A reconnecting dashboard gets the whole current state, never a window of missed events.
    this.dashboards.send(server, {
      type: "connected",
      user_id: agent.id,
      data: {
        agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role },
        workspace_id: workspaceId,
        limits: { max_message_length: this.limits.maxMessageLength, keepalive_ms: this.limits.keepAliveMs },
      },
    });
    const first = this.actions.sessions(agent, { filter: "open", limit: SESSIONS_PAGE });
    if (first.ok) this.dashboards.send(server, { type: "sessions", data: { filter: "open", ...first.value } });
    this.dashboards.send(server, await this.agentsFrame());
    if (!alreadyOnline) await this.publishPresence(agent, true);
    await this.planAlarm({ authExpiry: auth.expiresAt });
    logEvent("dashboard_open", { workspace_id: workspaceId, agent_id: agent.id });
    return new Response(null, { status: 101, webSocket: client });
  }

  protected override async onFrame(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    await handleDashboardFrame({
      actions: this.actions,
      dashboards: this.dashboards,
      budget: this.budget,
      limits: this.limits,
      ws,
      data,
      agentsFrame: () => this.agentsFrame(),
      setAway: (agent, away) => this.setAway(agent, away),
    });
  }

  protected override frameFailed(ws: WebSocket): void {
    this.dashboards.send(ws, { type: "error", error: "The server could not handle that frame", code: "internal" });
  }

  /** Starts an agent's grace period when their last dashboard goes. */
  protected override async onLeave(ws: WebSocket): Promise<void> {
    const attachment = this.dashboards.attachment(ws);
    if (!attachment || this.dashboards.socketsOf(attachment.agent.id).some((other) => other !== ws)) return;
    const deadline = this.presence.markLeaving(attachment.agent.id, Date.now());
    await this.alarms.plan([deadline]);
  }

  /**
   * Sweeps silent and signed-out dashboards when the sweep is due (SPEC §10, as rooms do), sends
   * the queued D1 index writes when their batch is due, announces agents whose grace period
   * ended without them coming back, and closes sessions that timed out.
   */
  protected override async onAlarm(): Promise<void> {
    const now = Date.now();
    for (const { agent } of this.sweeps.sweepIfDue(now, this.dashboards, this.limits.connectionTimeoutMs)) {
      // Swept sockets were silent: they are gone now, with no grace period to wait out.
      if (this.dashboards.socketsOf(agent.id).length === 0) this.presence.markLeaving(agent.id, now - PRESENCE_GRACE_MS);
    }
    // First: the steps below call out to D1 and the sessions, and must not hold back the batch.
    await this.indexWrites.flushIfDue(now);
    await this.announceDeparted(now);
    await this.idle.sweep(now - this.limits.sessionTimeoutMs, IDLE_SWEEP_BATCH);
    await this.planAlarm({ replace: true });
  }

  /**
   * Announces the agents whose grace period ended without them coming back. The presence record
   * (SPEC §12) needs no names and follows at once; when D1 cannot list the names for the frames,
   * the departures are announced `PRESENCE_RETRY_MS` later, so a failed read loses none.
   */
  private async announceDeparted(now: number): Promise<void> {
    const online = this.dashboards.onlineAgentIds();
    const departed = this.presence.takeDeparted(now).filter((id) => !online.has(id));
    if (departed.length === 0) return;
    await this.recordPresence();
    let agents: Awaited<ReturnType<typeof listAgents>>;
    try {
      agents = await listAgents(database(this.env.DB), this.actions.workspaceId());
    } catch (error) {
      this.presence.deferAnnouncement(departed, now + PRESENCE_RETRY_MS);
      logEvent("error", { where: "lobby.announceDeparted", agents: departed.length, error: String(error) });
      return;
    }
    for (const agent of agents.filter((a) => departed.includes(a.id))) await this.publishPresence(agent, false);
  }

  // RPC from ChatSessions. A session the lobby lists may start its inactivity clock: the alarm is
  // brought forward when that deadline comes first.

  async report(report: SessionReport): Promise<ConversationState> {
    const state = this.dashboards.together(() => this.actions.report(report));
    if (report.index) this.indexWrites.add(report.ref.id, report.index, Date.now());
    await this.planAlarm({});
    return state;
  }

  async claim(
    session: { ref: ConversationRef; state: ConversationState },
    agent: AgentRef,
  ): Promise<Result<{ state: ConversationState; changed: boolean }>> {
    const claimed = this.actions.claim(session, agent);
    await this.planAlarm({});
    return claimed;
  }

  async reopen(
    session: { ref: ConversationRef; state: ConversationState },
    history: ReopenHistory,
  ): Promise<{ state: ConversationState; reopened: boolean }> {
    const reopened = this.actions.reopen(session, history);
    await this.planAlarm({});
    return reopened;
  }

  /** A conversation's coalesced D1 index write, queued for the workspace's next batch (see `IndexWrites`). */
  async writeIndex(conversationId: string, statements: IndexStatement[]): Promise<void> {
    this.indexWrites.add(conversationId, statements, Date.now());
    await this.planAlarm({});
  }

  async agentRead(agentId: string, conversationId: string, seq: number): Promise<void> {
    this.actions.agentRead(agentId, conversationId, seq);
  }

  async visitorTyping(conversationId: string, isTyping: boolean): Promise<void> {
    this.actions.visitorTyping(conversationId, isTyping);
  }

  // RPC from the worker.

  async stoppedCustomers(options: {
    agentId: string;
    siteId?: string;
    limit: number;
    skip: number;
  }): Promise<{ customers: Customer[]; total: number }> {
    return this.actions.stopped(options.agentId, options);
  }

  /** Closes the dashboards opened with one sign-in, and refuses any still on their way; returns how many it closed. */
  async endAuthSession(signIn: AuthSessionRef, reason: SignedOutReason): Promise<number> {
    return this.dashboards.endAuthSession(signIn, reason);
  }

  /**
   * An admin changed an agent's name or role: their open dashboards act with the new role from
   * the next frame on (a demoted admin loses admin powers at once), and every dashboard hears it.
   */
  async agentChanged(agent: DashboardAgent): Promise<void> {
    this.dashboards.refreshAgent(agent);
    const online = this.dashboards.socketsOf(agent.id).length > 0 || this.presence.isLeaving(agent.id);
    await this.publishPresence(agent, online);
  }

  /** An admin deleted a site: its open sessions are closed, and none of them opens again. */
  async closeSite(siteId: string): Promise<number> {
    return this.actions.closeSite(siteId);
  }

  /**
   * Team chat list frames from a chat's object (SPEC §4.10, §7), each to one member's dashboards
   * only. Sent from the chat's coalesced report, or at once for a read, hide or group change.
   */
  async deliverTeam(deliveries: TeamDelivery[]): Promise<void> {
    for (const { agentId, frames } of deliveries) for (const frame of frames) this.dashboards.sendToAgent(agentId, frame);
  }

  /** A deactivated agent loses every dashboard at once, and is announced offline. */
  async disconnectAgent(agent: DashboardAgent): Promise<void> {
    this.dashboards.endPerson(agent.id, SIGNED_OUT_REASONS.deactivated);
    this.presence.cancelLeaving(agent.id);
    await this.publishPresence(agent, false);
  }

  /**
   * The one alarm: the socket sweep while dashboards are open, the earliest sign-in end, presence
   * deadlines, the moment the quietest open session would time out, and the next D1 index batch.
   */
  private async planAlarm(options: { replace?: boolean; authExpiry?: number | null }): Promise<void> {
    const sweep = this.sweeps.plan(Date.now(), this.dashboards, options.authExpiry);
    const idle = this.idle.nextDeadline(this.limits.sessionTimeoutMs);
    await this.alarms.plan([sweep, this.presence.nextDeadline(), idle, this.indexWrites.dueAt()], options.replace);
  }

  private async setAway(agent: DashboardAgent, away: boolean): Promise<void> {
    if (this.presence.setAway(agent.id, away)) await this.publishPresence(agent, true);
  }

  private publishPresence(agent: Pick<DashboardAgent, "id" | "name" | "role">, online: boolean): Promise<void> {
    const away = this.presence.isAway(agent.id);
    this.dashboards.publish({ type: "agent_presence", data: { id: agent.id, name: agent.name, role: agent.role, online, away } });
    return this.recordPresence();
  }

  /**
   * Keeps the workspace's presence record (SPEC §12) in D1, written only when it flips, so session
   * init reads it without calling the lobby. Writes go one after another, so the last one written
   * is the last flip.
   */
  private recordPresence(): Promise<void> {
    const available = this.presence.someoneAvailable(this.dashboards.onlineAgentIds());
    if (!this.presence.recordChanged(available)) return this.recordWrites;
    const workspaceId = this.actions.workspaceId();
    this.recordWrites = this.recordWrites.then(() =>
      recordAgentsAvailable(database(this.env.DB), workspaceId, available).catch((error: unknown) => {
        this.presence.forgetRecord();
        logEvent("presence_record_failed", { workspace_id: workspaceId, error: String(error) });
      }),
    );
    return this.recordWrites;
  }

  private readAgents(): ReturnType<typeof listAgents> {
    this.agentsRead ??= listAgents(database(this.env.DB), this.actions.workspaceId()).finally(() => {
      this.agentsRead = null;
    });
    return this.agentsRead;
  }

  private async agentsFrame(): Promise<DashboardServerFrame> {
    const online = this.dashboards.onlineAgentIds();
    const agents = await this.readAgents();
    return {
      type: "agents",
      data: {
        agents: agents
          .filter((agent) => agent.active)
          .map((agent) => ({
            id: agent.id,
            name: agent.name,
            role: agent.role,
            online: online.has(agent.id) || this.presence.isLeaving(agent.id),
            away: this.presence.isAway(agent.id),
          })),
      },
    };
  }
}
