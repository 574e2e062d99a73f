import { useSignal } from "@preact/signals";
import type { MeResponse } from "@parley/protocol";
import { useLayoutEffect, useRef } from "preact/hooks";
import { usePopover } from "../../lib/use-popover";
import { lobbyLink } from "../../state/lobby-link";
import { myStatusKnown, setAway, shownAway } from "../../state/my-status";
import { showNotice } from "../../state/notices";
import { Avatar } from "../avatar/Avatar";
import { ChangePasswordDialog } from "../change-password/ChangePasswordDialog";
import { Icon } from "../icon/Icon";
import "./status-menu.css";

const CHOICES = [
  { away: false, label: "Available", hint: "Visitors who write again come back to you." },
  { away: true, label: "Away", hint: "Visitors who write again go to the queue." },
] as const;

/**
 * The signed-in agent and whether they take customers: Available or Away (SPEC §12), changed
 * here; and their account, where they change their password (SPEC §5).
 */
export function StatusMenu({ me }: { me: MeResponse }) {
  const { open, root, trigger, close, onKeyDown } = usePopover("status-menu__option");
  const changingPassword = useSignal(false);
  const returnFocus = useRef(false);
  // Back to the menu's button in the commit that takes the closed dialog off the page, so nothing
  // the browser does as the dialog closes and leaves comes after it (CI once found focus elsewhere).
  useLayoutEffect(() => {
    if (changingPassword.value || !returnFocus.current) return;
    returnFocus.current = false;
    trigger.current?.focus();
  }, [changingPassword.value]);
  const link = lobbyLink.value;
  const connected = link === "open" && myStatusKnown.value;
  const away = shownAway.value;
  const status = connected ? (away ? "Away" : "Available") : link === "stopped" ? "Offline" : "Connecting…";

  return (
    <div class="status-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={trigger}
        type="button"
        class="status-menu__trigger"
        aria-haspopup="true"
        aria-expanded={open.value}
        onClick={() => (open.value = !open.value)}
      >
        <Avatar id={me.agent.id} name={me.agent.name} size="sm" kind="agent" presence={!connected ? "offline" : away ? "away" : "online"} />
        <span class="status-menu__text visually-hidden-below-desktop">
          <span class="status-menu__name">{me.agent.name}</span>
          <span class="status-menu__status">{status}</span>
        </span>
        <Icon name="chevronDown" size={14} class="status-menu__chevron" />
      </button>
      {open.value && (
        <div class="popover status-menu__popover">
          <div role="group" aria-label="Your status">
            <p class="popover__title">Your status</p>
            {CHOICES.map((choice) => (
              <button
                key={choice.label}
                type="button"
                class="popover__option status-menu__option"
                aria-describedby={`status-hint-${choice.label}`}
                aria-pressed={choice.away === away}
                onClick={() => {
                  close(true);
                  setAway(choice.away);
                }}
              >
                <span class={`status-menu__mark status-menu__mark--${choice.away ? "away" : "online"}`} aria-hidden="true" />
                <span class="status-menu__choice">
                  <span class="status-menu__label">{choice.label}</span>
                  {/* Read as the option's description, not as part of its name. */}
                  <span class="status-menu__hint" id={`status-hint-${choice.label}`} aria-hidden="true">
                    {choice.hint}
                  </span>
                </span>
                {choice.away === away && <Icon name="check" class="status-menu__check" />}
              </button>
            ))}
          </div>
          <div class="status-menu__account" role="group" aria-label="Your account">
            <button
              type="button"
              class="popover__option status-menu__option"
              onClick={() => {
                close(false);
                changingPassword.value = true;
              }}
            >
              <Icon name="lock" class="status-menu__action-icon" />
              <span class="status-menu__label">Change password</span>
            </button>
          </div>
        </div>
      )}
      {changingPassword.value && (
        <ChangePasswordDialog
          email={me.agent.email}
          onClose={(changed) => {
            changingPassword.value = false;
            returnFocus.current = true;
            if (changed) showNotice({ tone: "info", text: "Your password was changed. Your other sessions were logged out." });
          }}
        />
      )}
    </div>
  );
}
