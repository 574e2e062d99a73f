import { effect, signal } from "@preact/signals";
import type { Customer, DashboardEvent } from "@parley/protocol";
import { audioUnlocked, playChime, unlockAudio } from "../lib/chime";
import { readStored, writeStored } from "@parley/browser/storage";
import { listenToCustomers } from "./live-sessions";
import { showNotice } from "./notices";
import { noticeRequest } from "./request-notice";
import { showConversation } from "./route";

const notificationsSupported = typeof Notification !== "undefined";

/** The agent's choice (chime and desktop notifications), remembered across reloads. */
export const alertsOn = signal(readStored<string>("parley.dashboard.alerts") === "on");
/** Audio is locked on every page load until a user gesture; see `resumeAudioOnFirstGesture`. */
export const soundReady = signal(false);
export const desktopAllowed = signal(notificationsSupported && Notification.permission === "granted");

/**
 * Runs inside the click on "Turn on alerts": browsers allow audio, and ask for notification
 * permission, only from a user gesture.
 */
export async function turnOnAlerts(): Promise<void> {
  alertsOn.value = true;
  writeStored("parley.dashboard.alerts", "on");
  soundReady.value = await unlockAudio();
  playChime();
  if (notificationsSupported) {
    const permission = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    desktopAllowed.value = permission === "granted";
  }
}

export function muteAlerts(): void {
  alertsOn.value = false;
  writeStored("parley.dashboard.alerts", "off");
}

/** After a reload the choice survives but audio is locked again: the first click anywhere unlocks it. */
export function resumeAudioOnFirstGesture(): () => void {
  const unlock = async () => {
    if (alertsOn.value && !audioUnlocked()) soundReady.value = await unlockAudio();
  };
  window.addEventListener("pointerdown", unlock, { once: true });
  window.addEventListener("keydown", unlock, { once: true });
  return () => {
    window.removeEventListener("pointerdown", unlock);
    window.removeEventListener("keydown", unlock);
  };
}

/** A visitor asked for a human: chime, a desktop notification when the agent looks elsewhere, a notice. */
export function announceRequest(request: DashboardEvent<"agent_requested">["data"]): void {
  const name = request.customer_name;
  const sessionId = request.customer.session_id;
  if (alertsOn.value) {
    playChime();
    const away = document.visibilityState !== "visible" || !document.hasFocus();
    if (desktopAllowed.value && away) showDesktopNotification(`${name} wants to talk to a human`, request.reason, sessionId);
  }
  noticeRequest(request);
}

/**
 * A colleague's conversation became this agent's (a transfer, or an admin handing it over):
 * a notice that says from whom, and with alerts on a chime, and a desktop notification when the
 * agent looks elsewhere. Taking a conversation oneself is not news.
 */
export function announceHandover(previous: Customer | undefined, next: Customer): void {
  if (!next.is_assigned_to_me || !previous?.agent_id || previous.is_assigned_to_me) return;
  const text = `${next.customer_name} is yours now (was with ${previous.agent_name ?? "a colleague"})`;
  if (alertsOn.value) {
    playChime();
    const away = document.visibilityState !== "visible" || !document.hasFocus();
    if (desktopAllowed.value && away) showDesktopNotification(text, next.last_message ?? "", next.session_id);
  }
  showNotice({ key: `handover:${next.session_id}`, tone: "info", text, action: { label: "Open", run: () => showConversation(next.session_id) } });
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
    // Some browsers (Chrome on Android) only notify through a service worker; the in-page notice still shows.
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

export function syncTitle(): () => void {
  const dispose = effect(() => {
    const count = needingMe.value;
    document.title = count > 0 ? `(${count}) Inbox · Parley` : "Inbox · Parley";
  });
  return () => {
    dispose();
    document.title = "Parley";
  };
}
