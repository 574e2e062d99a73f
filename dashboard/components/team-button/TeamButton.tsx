import type { MeResponse } from "@parley/protocol";
import { useEffect, useRef } from "preact/hooks";
import { lazy } from "../../lib/lazy";
import { teamRoute } from "../../state/route";
import { teamUnread } from "../../state/team-chat/chat-list";
import { closeTeamPanel, teamPanelOpen } from "../../state/team-chat/panel";
import { Icon } from "../icon/Icon";
import "./team-button.css";

/** The panel's code (list, rooms, details) loads the first time the button is pressed. */
const TeamPanel = lazy(
  () => import("../team-panel/TeamPanel").then((module) => module.TeamPanel),
  () => (
    <div class="team-panel team-panel--loading" role="status">
      Loading team chat…
    </div>
  ),
);

/**
 * The floating team chat button on every dashboard page, with the unread total: it opens the
 * team's chats in a panel over the page. Not on the Team section, which shows all of it already.
 */
export function TeamButton({ me }: { me: MeResponse }) {
  const button = useRef<HTMLButtonElement>(null);
  const open = teamPanelOpen.value;
  const inSection = teamRoute.value !== null;
  const wasOpen = useRef(open);

  // Focus goes back to the button once the panel is gone (it may have hidden the button on phones).
  useEffect(() => {
    if (wasOpen.current && !open && document.activeElement === document.body) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  useEffect(() => {
    if (inSection) closeTeamPanel();
  }, [inSection]);

  if (inSection) return null;
  const unread = teamUnread.value;
  return (
    <>
      {open && <TeamPanel me={me} onClose={closeTeamPanel} />}
      <button
        ref={button}
        type="button"
        class={`team-button${open ? " team-button--open" : ""}`}
        aria-expanded={open}
        aria-controls={open ? "team-panel" : undefined}
        aria-label={unread > 0 ? `Team chat, ${unread} unread` : "Team chat"}
        onClick={() => (teamPanelOpen.value = !open)}
      >
        <Icon name={open ? "x" : "message"} size={22} />
        {unread > 0 && (
          <span class="team-button__badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
    </>
  );
}
