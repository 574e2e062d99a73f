import { computed, signal } from "@preact/signals";
import { readStored, writeStored } from "@parley/browser/storage";
import { audioUnlocked, playChime, unlockAudio } from "../lib/chime";

/** What may ask for the agent's attention, each switched on or off on its own. */
export const ALERT_KINDS = ["requests", "messages", "transfers"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertChoices = Readonly<Record<AlertKind, boolean>>;

const ALL_OFF: AlertChoices = { requests: false, messages: false, transfers: false };

const notificationsSupported = typeof Notification !== "undefined";

/** The signed-in agent's choices; all off until they switch one on. */
export const alertChoices = signal<AlertChoices>(ALL_OFF);
export const anyAlertOn = computed(() => ALERT_KINDS.some((kind) => alertChoices.value[kind]));
/** Audio is locked on every page load until a user gesture; see `followAlertChoices`. */
export const soundReady = signal(false);
export const desktopPermission = signal<NotificationPermission | "unsupported">(notificationsSupported ? Notification.permission : "unsupported");

/** Per agent: colleagues who share a browser each keep their own choices. */
let storageKey: string | null = null;

/**
 * Loads the agent's choices and, since audio stays locked after a reload, unlocks it at the
 * first click or key press anywhere. Returns what undoes both (logout).
 */
export function followAlertChoices(agentId: string): () => void {
  storageKey = `parley.dashboard.alerts.${agentId}`;
  const stored = readStored<Partial<Record<AlertKind, unknown>>>(storageKey);
  alertChoices.value = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, stored?.[kind] === true])) as Record<AlertKind, boolean>;
  const unlock = async () => {
    if (anyAlertOn.peek() && !audioUnlocked()) soundReady.value = await unlockAudio();
  };
  window.addEventListener("pointerdown", unlock, { once: true });
  window.addEventListener("keydown", unlock, { once: true });
  return () => {
    window.removeEventListener("pointerdown", unlock);
    window.removeEventListener("keydown", unlock);
    storageKey = null;
    alertChoices.value = ALL_OFF;
  };
}

/**
 * Switches one kind on or off. Runs inside the click: browsers allow audio, and ask for
 * notification permission, only from a user gesture; switching on plays the chime once as a sample.
 */
export async function setAlert(kind: AlertKind, on: boolean): Promise<void> {
  alertChoices.value = { ...alertChoices.value, [kind]: on };
  if (storageKey) writeStored(storageKey, alertChoices.value);
  if (!on) return;
  soundReady.value = await unlockAudio();
  playChime();
  if (notificationsSupported) {
    desktopPermission.value = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
  }
}
