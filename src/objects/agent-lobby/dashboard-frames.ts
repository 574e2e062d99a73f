import type { ChatLimits } from "../../config";
import type { Failure, Result } from "../../lib/result";
import { CLOSE_CODES, CLOSE_REASONS, DashboardClientFrameSchema, type DashboardClientFrame, type DashboardServerFrame } from "../../protocol";
import { parseFrame } from "../frame-parser";
import type { PersonBudget } from "../person-budget";
import type { LobbyActions } from "./actions";
import type { DashboardAgent, DashboardAttachment, Dashboards } from "./dashboards";
import type { CustomerEntry } from "./customer-store";

function errorFrame(failure: Pick<Failure, "code" | "message">): DashboardServerFrame {
  return { type: "error", error: failure.message, code: failure.code };
}

export interface DashboardFrameContext {
  actions: LobbyActions;
  dashboards: Dashboards;
  /** The agent's frame budget in this workspace, shared by all their dashboards. */
  budget: PersonBudget;
  limits: ChatLimits;
  ws: WebSocket;
  data: string | ArrayBuffer;
  agentsFrame: () => Promise<DashboardServerFrame>;
  setAway: (agent: DashboardAgent, away: boolean) => Promise<void>;
}

/**
 * One frame from a dashboard (SPEC §7). Bad input gets an `error` frame on that socket only;
 * the socket and every other dashboard carry on. A socket whose sign-in ended is closed instead.
 */
export async function handleDashboardFrame(context: DashboardFrameContext): Promise<void> {
  const { dashboards, ws, limits } = context;
  const now = Date.now();
  const attachment = dashboards.admitFrame(ws, now, limits.connectionTimeoutMs);
  if (!attachment) return;
  const spent = context.budget.spend(attachment.agent.id, now);
  if (spent === "flooding") return dashboards.close(ws, CLOSE_CODES.flooding, CLOSE_REASONS.flooding);
  if (spent === "refused") return dashboards.send(ws, errorFrame({ code: "rate_limited", message: "Too many frames; slow down" }));
  const parsed = parseFrame(DashboardClientFrameSchema, context.data);
  if ("refusal" in parsed) return dashboards.send(ws, errorFrame(parsed.refusal));
  const reply = await dispatch(context, attachment, parsed.frame);
  if (reply) dashboards.send(ws, reply);
}

async function dispatch(
  context: DashboardFrameContext,
  attachment: DashboardAttachment,
  frame: DashboardClientFrame,
): Promise<DashboardServerFrame | null> {
  const { actions, dashboards, ws } = context;
  const { agent } = attachment;
  const customerReply = (result: Result<CustomerEntry>, type: "agent_assigned" | "agent_unassigned" | "agent_transferred" | "session_closed") =>
    result.ok ? ({ type, data: { customer: actions.view(result.value, agent.id) } } as DashboardServerFrame) : errorFrame(result.error);

  switch (frame.type) {
    case "get_stopped_customers": {
      const { page_id, limit, skip } = frame.data;
      return { type: "stopped_customers", data: actions.stopped(agent.id, { siteId: page_id, limit, skip }) };
    }
    case "get_sessions": {
      const { filter, page_id, cursor, limit } = frame.data;
      const page = actions.sessions(agent, { filter, siteId: page_id, cursor, limit });
      return page.ok ? { type: "sessions", data: { filter, ...page.value } } : errorFrame(page.error);
    }
    case "set_feed":
      dashboards.setFeed(ws, attachment, frame.data.messages, frame.data.batch ?? false);
      return null;
    case "view_customer":
    case "unview_customer":
      dashboards.setViewing(ws, attachment, frame.data.customer_id, frame.type === "view_customer");
      return null;
    case "get_agents":
      return context.agentsFrame();
    case "set_presence":
      await context.setAway(agent, frame.data.away);
      return null;
    case "assign_agent":
      return customerReply(await actions.assign(agent, frame.data), "agent_assigned");
    case "unassign_agent":
      return customerReply(await actions.unassign(agent, frame.data), "agent_unassigned");
    case "transfer_agent":
      return customerReply(await actions.transfer(agent, frame.data, frame.data.agent_id), "agent_transferred");
    case "close_session":
      return customerReply(await actions.close(agent, frame.data), "session_closed");
    case "send_message": {
      const target = { customer_id: frame.customer_id, page_id: frame.page_id };
      const sent = await actions.sendMessage(agent, target, frame.message, frame.client_msg_id);
      return sent.ok ? { type: "message_sent", data: { ...target, message: sent.value } } : errorFrame(sent.error);
    }
    case "mark_read": {
      const read = await actions.markRead(agent, frame.data, frame.data.seq);
      return read.ok ? null : errorFrame(read.error);
    }
    case "typing": {
      const typed = await actions.typing(agent, frame.data, frame.data.is_typing);
      return typed.ok ? null : errorFrame(typed.error);
    }
  }
}
