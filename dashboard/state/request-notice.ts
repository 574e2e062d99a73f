import type { DashboardEvent } from "@parley/protocol";
import { activeTab } from "./inbox";
import { oneColumn } from "./layout";
import { listenToCustomers } from "./live-sessions";
import { dismissNotice, isNoticeShown, showNotice } from "./notices";
import { showConversation, showInbox } from "./route";

type Request = DashboardEvent<"agent_requested">["data"];

/** One corner notice for every request since it appeared: a burst reads "5 new requests", not five toasts. */
const NOTICE_KEY = "new_requests";

/** The requests the notice stands for, by session, while it shows. */
const announced = new Map<string, Request>();

/** Counts a visitor's request for a human into the corner notice. */
export function noticeRequest(request: Request): void {
  if (!isNoticeShown(NOTICE_KEY)) announced.clear();
  announced.set(request.customer.session_id, request);
  showRequests();
}

function showRequests(): void {
  const [first, ...more] = announced.values();
  if (!first) return dismissNotice(NOTICE_KEY);
  if (more.length === 0) {
    const sessionId = first.customer.session_id;
    showNotice({
      key: NOTICE_KEY,
      tone: "request",
      text: `${first.customer_name} is waiting for a human: ${first.reason}`,
      action: { label: "Open", run: () => showConversation(sessionId) },
    });
    return;
  }
  showNotice({
    key: NOTICE_KEY,
    tone: "request",
    text: `${announced.size} new requests`,
    action: { label: "Show waiting", run: showWaiting },
  });
}

function showWaiting(): void {
  activeTab.value = "waiting";
  if (oneColumn()) showInbox();
}

// A request a colleague picked up (or the visitor left) no longer needs this agent: it leaves the count.
listenToCustomers({
  changed(previous, next) {
    const sessionId = previous?.session_id;
    if (!sessionId || !announced.has(sessionId) || next?.status === "waiting") return;
    if (!isNoticeShown(NOTICE_KEY)) return announced.clear();
    announced.delete(sessionId);
    showRequests();
  },
  // The list starts over after a reconnect: the Waiting tab, not a count from before, says who waits.
  reset() {
    announced.clear();
    dismissNotice(NOTICE_KEY);
  },
});
