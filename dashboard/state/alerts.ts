import { effect, signal } from "@preact/signals";
import type { Customer, DashboardEvent, Message } from "@parley/protocol";
import { CHIME_GAP_MS, playChime } from "../lib/chime";
import { alertChoices, desktopPermission, type AlertKind } from "./alert-choices";
import { listenToCustomers } from "./live-sessions";
import { showNotice } from "./notices";
import { isViewing } from "./open-conversation";
import { noticeRequest } from "./request-notice";
import { showConversation, teamRoute } from "./route";
import { teamUnread } from "./team-chat/chat-list";

let lastChimeAt = 0;

/** A visitor asked for a human: a notice, and the `requests` alert. */
export function announceRequest(request: DashboardEvent<"agent_requested">["data"]): void {
  ring("requests", `${request.customer_name} wants to talk to a human`, request.reason, request.customer.session_id);
  noticeRequest(request);
}

/**
 * A colleague's conversation became this agent's (a transfer, or an admin handing it over):
 * a notice that says from whom, and the `transfers` alert. Taking a conversation oneself is not news.
 */
export function announceHandover(previous: Customer | undefined, next: Customer): void {
  if (!next.is_assigned_to_me || !previous?.agent_id || previous.is_assigned_to_me) return;
  const text = `${next.customer_name} is yours now (was with ${previous.agent_name ?? "a colleague"})`;
  ring("transfers", text, next.last_message ?? "", next.session_id);
  showNotice({ key: `handover:${next.session_id}`, tone: "info", text, action: { label: "Open", run: () => showConversation(next.session_id) } });
}

/**
 * A visitor wrote in one of this agent's conversations: the `messages` alert, unless the agent
 * has it in front of them. Not the bot's conversations, not a colleague's, not anyone's own words.
 */
export function announceMessage(customer: Customer | undefined, message: Message): void {
  if (!customer?.is_assigned_to_me || customer.status !== "assigned" || message.sender_type !== "user") return;
  if (isViewing(customer.session_id) && document.hasFocus()) return;
  ring("messages", `New message from ${customer.customer_name}`, message.content, customer.session_id);
}

/** With `kind` switched on: the chime, and a desktop notification when the agent looks elsewhere. */
function ring(kind: AlertKind, title: string, body: string, sessionId: string): void {
  if (!alertChoices.peek()[kind]) return;
  const now = Date.now();
  if (now - lastChimeAt >= CHIME_GAP_MS) {
    playChime();
    lastChimeAt = now;
  }
  const away = document.visibilityState !== "visible" || !document.hasFocus();
  if (desktopPermission.peek() === "granted" && away) showDesktopNotification(title, body, sessionId);
}

function showDesktopNotification(title: string, body: string, sessionId: string): void {
  try {
    const notification = new Notification(title, { body, tag: sessionId });
    notification.onclick = () => {
      window.focus();
      showConversation(sessionId);
      notification.close();
    };
  } catch {
    // Some browsers (Chrome on Android) only notify through a service worker; the chime and the page's own signs remain.
  }
}

/**
 * Conversations that need this agent (SPEC §9's title count): every one waiting for a human,
 * and their own with unread visitor messages; not messages, not the bot's, not a colleague's.
 * Kept as a running total, so a change costs one comparison.
 */
export const needingMe = signal(0);

const needsMe = (customer: Customer | undefined): number =>
  customer && (customer.status === "waiting" || (customer.is_assigned_to_me && customer.unread_count > 0)) ? 1 : 0;

listenToCustomers({
  changed(previous, next) {
    const delta = needsMe(next) - needsMe(previous);
    if (delta !== 0) needingMe.value += delta;
  },
  reset() {
    needingMe.value = 0;
  },
});

/** The tab's title counts what waits for the agent: conversations that need them and unread team messages. */
export function syncTitle(): () => void {
  const dispose = effect(() => {
    const count = needingMe.value + teamUnread.value;
    const place = teamRoute.value ? "Team" : "Inbox";
    document.title = count > 0 ? `(${count}) ${place} · Parley` : `${place} · Parley`;
  });
  return () => {
    dispose();
    document.title = "Parley";
  };
}
