import { alertsOn, desktopAllowed, muteAlerts, soundReady, turnOnAlerts } from "../../state/alerts";
import { Icon } from "../icon/Icon";

/**
 * Browsers block sound until the page gets a click, so alerts start with one: this button
 * unlocks audio, plays the chime once as a sample and asks for desktop notifications. Its label
 * says what a click does; the accent colour and the bell show that alerts are on.
 */
export function AlertsToggle() {
  const on = alertsOn.value;
  const description = on
    ? `A chime plays when a visitor asks for a human${desktopAllowed.value ? ", with a desktop notification" : ""}.${soundReady.value ? "" : " Click anywhere once so the browser lets it play."}`
    : "Turn on a chime and desktop notifications for visitors who ask for a human.";
  return (
    <button
      type="button"
      class={`button alerts-toggle${on ? " alerts-toggle--on" : ""}`}
      title={description}
      onClick={() => (on ? muteAlerts() : void turnOnAlerts())}
    >
      <Icon name={on ? "bell" : "bellOff"} />
      <span class="visually-hidden-below-desktop">{on ? "Mute alerts" : "Turn on alerts"}</span>
    </button>
  );
}
