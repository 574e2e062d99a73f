import { fail, ok, type Result } from "../../lib/result";
import type { ConversationState, StateRequest } from "../contracts";

export type Unversioned = Omit<ConversationState, "version">;

export interface DecideOptions {
  botEnabled: boolean;
  now: number;
  /** Whether an agent has a dashboard open and is not away; only the lobby knows. */
  isAvailable?: (agentId: string) => boolean;
}

/**
 * The support lifecycle (SPEC §3): bot → waiting → assigned → closed, and back. Pure, so the
 * lobby can decide synchronously before anything else runs, and tests can enumerate it.
 * Returns the next state, or the same object when nothing changes.
 */
export function decide(current: ConversationState, request: StateRequest, options: DecideOptions): Result<ConversationState | Unversioned> {
  const { now } = options;
  const waiting: Unversioned = { status: "waiting", agent: null, waitingSince: now, closedAt: null };
  const bot: Unversioned = { status: "bot", agent: null, waitingSince: null, closedAt: null };
  switch (request.type) {
    case "visitor_message":
      // A message that raced a close; a visitor writing into a closed conversation asks to reopen first.
      if (current.status !== "closed") return ok(current);
      return ok(options.botEnabled ? bot : waiting);
    case "reopen": {
      if (current.status !== "closed") return ok(current);
      const last = request.lastAgent;
      if (last && options.isAvailable?.(last.id)) return ok({ status: "assigned", agent: last, waitingSince: null, closedAt: null });
      return ok(request.escalated || !options.botEnabled ? waiting : bot);
    }
    case "escalate":
      return ok(current.status === "bot" || current.status === "closed" ? waiting : current);
    case "timeout":
      return ok(current.status === "closed" ? current : closedState(now));
    case "close":
      if (current.status === "closed") return fail(409, "already_closed", "The conversation is already closed");
      return ok(closedState(now));
    case "site_deleted":
      return ok(current.status === "closed" ? current : closedState(now));
    case "assign": {
      const holder = current.agent;
      if (current.status === "assigned" && holder && holder.id !== request.agent.id) {
        return fail(409, "already_assigned", `Customer is already assigned to ${holder.name}`);
      }
      if (current.status === "assigned" && holder?.id === request.agent.id) return ok(current);
      return ok({ status: "assigned", agent: request.agent, waitingSince: null, closedAt: null });
    }
    case "unassign":
      if (current.status !== "assigned") return fail(409, "not_assigned", "The customer is not assigned to anyone");
      return ok(waiting);
    case "transfer":
      if (current.status !== "assigned") return fail(409, "not_assigned", "Only an assigned customer can be transferred");
      if (current.agent?.id === request.to.id) return ok(current);
      return ok({ status: "assigned", agent: request.to, waitingSince: null, closedAt: null });
  }
}

function closedState(now: number): Unversioned {
  return { status: "closed", agent: null, waitingSince: null, closedAt: now };
}
