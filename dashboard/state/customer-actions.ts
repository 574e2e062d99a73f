import { signal } from "@preact/signals";
import type { DashboardClientFrame, DashboardEvent } from "@parley/protocol";
import { listenToCustomers, type CustomerTarget } from "./live-sessions";
import { sendToLobby } from "./lobby-link";
import { showNotice } from "./notices";

export type CustomerAction = "assign" | "unassign" | "transfer" | "close";

interface PendingAction {
  sessionId: string;
  action: CustomerAction;
}

/** The action waiting for the lobby's answer; buttons show progress and stay disabled meanwhile. */
export const pendingAction = signal<PendingAction | null>(null);

/**
 * The lobby's last refusal, shown in the conversation it was about ("already assigned to NAME")
 * until that conversation changes hands or status: then it describes a state that is gone.
 */
export const actionRefusal = signal<{ sessionId: string; action: CustomerAction; text: string } | null>(null);

const ANSWER_TIMEOUT_MS = 10_000;
let answerTimer: number | undefined;

/**
 * Takes over, releases, transfers or closes. The socket's `error` frames carry no request id,
 * so one action is in flight at a time and the next error is known to be its answer.
 */
export function runCustomerAction(
  customer: CustomerTarget & { session_id: string },
  action: CustomerAction,
  toAgentId?: string,
): void {
  if (pendingAction.value) return;
  if (!sendToLobby(frameFor(action, customer, toAgentId))) {
    showNotice({ tone: "error", text: "You're offline, so nothing was changed. The dashboard is reconnecting; try again in a moment." });
    return;
  }
  actionRefusal.value = null;
  pendingAction.value = { sessionId: customer.session_id, action };
  window.clearTimeout(answerTimer);
  answerTimer = window.setTimeout(() => {
    if (!pendingAction.value) return;
    pendingAction.value = null;
    showNotice({ tone: "error", text: "The server did not answer in time. Check the conversation's status before trying again." });
  }, ANSWER_TIMEOUT_MS);
}

function frameFor(action: CustomerAction, customer: CustomerTarget, toAgentId = ""): DashboardClientFrame {
  const target = { customer_id: customer.customer_id, page_id: customer.page_id };
  switch (action) {
    case "assign":
      return { type: "assign_agent", data: target };
    case "unassign":
      return { type: "unassign_agent", data: target };
    case "close":
      return { type: "close_session", data: target };
    case "transfer":
      return { type: "transfer_agent", data: { ...target, agent_id: toAgentId } };
  }
}

export function settleAction(): void {
  window.clearTimeout(answerTimer);
  pendingAction.value = null;
}

/** Returns false when no action was waiting, so the caller shows the error some other way. */
export function refuseAction(error: DashboardEvent<"error">): boolean {
  const pending = pendingAction.value;
  if (!pending) return false;
  settleAction();
  actionRefusal.value = { sessionId: pending.sessionId, action: pending.action, text: error.error };
  return true;
}

listenToCustomers({
  changed(previous, next) {
    const refused = actionRefusal.peek();
    if (!refused || ![previous?.session_id, next?.session_id].includes(refused.sessionId)) return;
    if (previous?.status !== next?.status || previous?.agent_id !== next?.agent_id) actionRefusal.value = null;
  },
  reset() {
    actionRefusal.value = null;
  },
});
