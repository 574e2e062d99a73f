import { usePopover } from "../../lib/use-popover";
import { ALERT_KINDS, alertChoices, anyAlertOn, desktopPermission, setAlert, soundReady, type AlertKind } from "../../state/alert-choices";
import { Icon } from "../icon/Icon";
import "./alerts-menu.css";

const KINDS: Record<AlertKind, { label: string; hint: string }> = {
  requests: { label: "New requests", hint: "A visitor asks for a human." },
  messages: { label: "Messages in my conversations", hint: "A visitor writes in a conversation assigned to you." },
  transfers: { label: "Transfers to me", hint: "A colleague hands a conversation over to you." },
};

/** What the agent should know about how alerts will reach them, given what the browser allows. */
function notes(): string[] {
  if (!anyAlertOn.value) return ["Each alert chimes, with a desktop notification when you look elsewhere."];
  const permission = desktopPermission.value;
  return [
    soundReady.value ? "" : "Click anywhere once so the browser lets the chime play.",
    permission === "denied" ? "Your browser blocks desktop notifications from this page; only the chime plays." : "",
    permission === "unsupported" ? "This browser shows no desktop notifications; only the chime plays." : "",
    permission === "default" ? "Desktop notifications need your browser's permission: switch an alert off and on again to be asked." : "",
    permission === "granted" ? "A desktop notification comes too when you look elsewhere." : "",
  ].filter(Boolean);
}

/**
 * The bell in the top bar, with one switch per kind of alert. Browsers allow sound and ask for
 * notification permission only inside a click, so switching a kind on is that click.
 */
export function AlertsMenu() {
  const { open, root, trigger, onKeyDown } = usePopover("alerts-menu__switch");
  const choices = alertChoices.value;
  const on = anyAlertOn.value;
  const chosen = ALERT_KINDS.filter((kind) => choices[kind]).map((kind) => KINDS[kind].label.toLowerCase());

  return (
    <div class="alerts-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={trigger}
        type="button"
        class={`button alerts-menu__trigger${on ? " alerts-menu__trigger--on" : ""}`}
        aria-haspopup="true"
        aria-expanded={open.value}
        title={on ? `Alerts on for ${chosen.join(", ")}` : "Alerts off"}
        onClick={() => (open.value = !open.value)}
      >
        <Icon name={on ? "bell" : "bellOff"} />
        <span class="visually-hidden-below-desktop">Alerts</span>
      </button>
      {open.value && (
        <div class="popover alerts-menu__popover" role="group" aria-labelledby="alerts-menu-title">
          <p class="popover__title" id="alerts-menu-title">
            Alerts
          </p>
          {ALERT_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              role="switch"
              class="popover__option alerts-menu__switch"
              aria-checked={choices[kind]}
              aria-describedby={`alerts-hint-${kind}`}
              onClick={() => void setAlert(kind, !choices[kind])}
            >
              <span class="alerts-menu__choice">
                <span class="alerts-menu__label">{KINDS[kind].label}</span>
                {/* Read as the switch's description, not as part of its name. */}
                <span class="alerts-menu__hint" id={`alerts-hint-${kind}`} aria-hidden="true">
                  {KINDS[kind].hint}
                </span>
              </span>
              <span class="alerts-menu__track" aria-hidden="true">
                <span class="alerts-menu__thumb" />
              </span>
            </button>
          ))}
          {notes().map((note) => (
            <p key={note} class="alerts-menu__note">
              {note}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
