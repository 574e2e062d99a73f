import { DurableObject } from "cloudflare:workers";
import { chatLimits } from "../../config";
import { database } from "../../db/client";
import { listAgents } from "../../db/queries/agents";
import { logEvent } from "../../lib/log";
import { fullBucket } from "../../lib/rate-bucket";
import type { Result } from "../../lib/result";
import { PING, PONG, type AgentRef, type Customer, type DashboardServerFrame } from "../../protocol";
import { UPGRADE_CONTEXT_HEADER, type ConversationRef, type ConversationState, type SessionReport } from "../contracts";
import { answerClose } from "../sockets";
import { LobbyActions } from "./actions";
import { CustomerStore } from "./customer-store";
import { handleDashboardFrame } from "./dashboard-frames";
import { Dashboards, type DashboardAgent } from "./dashboards";
import { PresenceStore } from "./presence";
import { ReadStore } from "./read-store";

/** What the worker tells the lobby about an authenticated dashboard upgrade. */
export interface DashboardUpgradeContext {
  agent: DashboardAgent;
  workspaceId: string;
}

/**
 * One per workspace: every dashboard socket, the live list of support sessions, the
 * stopped-customer queue and every assignment decision, taken one at a time so two agents can
 * never both win a customer.
 */
export class AgentLobby extends DurableObject<Env> {
  private readonly dashboards: Dashboards;
  private readonly presence: PresenceStore;
  private readonly actions: LobbyActions;
  private readonly limits = chatLimits(this.env);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.dashboards = new Dashboards(ctx);
    this.presence = new PresenceStore(ctx.storage.kv);
    this.actions = new LobbyActions({
      env,
      kv: ctx.storage.kv,
      customers: new CustomerStore(ctx.storage.sql),
      reads: new ReadStore(ctx.storage.sql),
      dashboards: this.dashboards,
    });
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** A dashboard socket, forwarded by the worker once it has checked the agent's cookie and origin. */
  override async fetch(request: Request): Promise<Response> {
    const header = request.headers.get(UPGRADE_CONTEXT_HEADER);
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket" || !header) {
      return new Response("Expected a WebSocket upgrade from the worker", { status: 426 });
    }
    const { agent, workspaceId } = JSON.parse(header) as DashboardUpgradeContext;
    this.actions.rememberWorkspace(workspaceId);
    const { 0: client, 1: server } = new WebSocketPair();
    const now = Date.now();
    const alreadyOnline = this.dashboards.socketsOf(agent.id).length > 0 || this.presence.cancelLeaving(agent.id);
    this.dashboards.join(server, { agent, connectedAt: now, bucket: fullBucket(this.bucketLimits(), now) });

    // A reconnecting dashboard gets the whole current state, never a window of missed events.
    this.dashboards.send(server, {
      type: "connected",
      user_id: agent.id,
      data: { agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role }, workspace_id: workspaceId },
    });
    this.dashboards.send(server, { type: "sessions", data: { filter: "open", customers: this.actions.sessions(agent) } });
    this.dashboards.send(server, await this.agentsFrame());
    if (!alreadyOnline) this.publishPresence(agent, true);
    logEvent("dashboard_open", { workspace_id: workspaceId, agent_id: agent.id });
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    try {
      await handleDashboardFrame(this.actions, this.dashboards, this.limits, ws, data, () => this.agentsFrame());
    } catch (error) {
      logEvent("error", { where: "lobby.webSocketMessage", error: String(error) });
      this.dashboards.send(ws, { type: "error", error: "The server could not handle that frame", code: "internal" });
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    answerClose(ws, code, reason);
    await this.leave(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.leave(ws);
  }

  /** Announces agents whose grace period ended without them coming back. */
  override async alarm(): Promise<void> {
    const online = this.dashboards.onlineAgentIds();
    const departed = this.presence.takeDeparted(Date.now()).filter((id) => !online.has(id));
    if (departed.length > 0) {
      const agents = await listAgents(database(this.env.DB), this.actions.workspaceId());
      for (const agent of agents.filter((a) => departed.includes(a.id))) this.publishPresence(agent, false);
    }
    const next = this.presence.nextDeadline();
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  // RPC from ChatSessions.

  async report(report: SessionReport): Promise<ConversationState> {
    return this.actions.report(report);
  }

  async claim(session: { ref: ConversationRef; state: ConversationState }, agent: AgentRef): Promise<Result<ConversationState>> {
    return this.actions.claim(session, agent);
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

  /** A deactivated agent loses every dashboard at once. */
  async disconnectAgent(agent: DashboardAgent): Promise<void> {
    this.dashboards.closeAgent(agent.id, 4001, "Account deactivated");
    this.presence.cancelLeaving(agent.id);
    this.publishPresence(agent, false);
  }

  private async leave(ws: WebSocket): Promise<void> {
    const attachment = this.dashboards.attachment(ws);
    if (!attachment || this.dashboards.socketsOf(attachment.agent.id).some((other) => other !== ws)) return;
    const deadline = this.presence.markLeaving(attachment.agent.id, Date.now());
    const pending = await this.ctx.storage.getAlarm();
    if (pending === null || pending > deadline) await this.ctx.storage.setAlarm(deadline);
  }

  private publishPresence(agent: Pick<DashboardAgent, "id" | "name" | "role">, online: boolean): void {
    this.dashboards.publish(() => ({ type: "agent_presence", data: { id: agent.id, name: agent.name, role: agent.role, online } }));
  }

  private async agentsFrame(): Promise<DashboardServerFrame> {
    const online = this.dashboards.onlineAgentIds();
    const agents = await listAgents(database(this.env.DB), this.actions.workspaceId());
    return {
      type: "agents",
      data: {
        agents: agents
          .filter((agent) => agent.active)
          .map((agent) => ({ id: agent.id, name: agent.name, role: agent.role, online: online.has(agent.id) || this.presence.isLeaving(agent.id) })),
      },
    };
  }

  private bucketLimits() {
    return { burst: this.limits.rateBurst, perSecond: this.limits.ratePerSecond };
  }
}
