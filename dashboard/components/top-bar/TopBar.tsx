import { useSignal } from "@preact/signals";
import type { MeResponse } from "@parley/protocol";
import { lobbyLink } from "../../state/lobby-link";
import { showNotice } from "../../state/notices";
import { logOut } from "../../state/session";
import { Avatar } from "../avatar/Avatar";
import { Icon } from "../icon/Icon";
import { TeamPresence } from "../team-presence/TeamPresence";
import { AlertsToggle } from "./AlertsToggle";
import "./top-bar.css";

/** Workspace, team presence, alerts and the signed-in agent. */
export function TopBar({ me }: { me: MeResponse }) {
  const leaving = useSignal(false);
  const online = lobbyLink.value === "open";

  const leave = async () => {
    leaving.value = true;
    const failure = await logOut();
    if (failure) {
      leaving.value = false;
      showNotice({ tone: "error", text: `You are still logged in: ${failure}` });
    }
  };

  return (
    <header class="top-bar">
      <div class="top-bar__brand">
        <span class="brand-mark" aria-hidden="true" />
        <span class="top-bar__product">Parley</span>
        <span class="top-bar__divider" aria-hidden="true" />
        <span class="top-bar__workspace" title="Workspace">
          {me.workspace.name}
        </span>
      </div>
      <div class="top-bar__tools">
        <TeamPresence meId={me.agent.id} />
        <AlertsToggle />
        <div class="top-bar__me">
          <Avatar id={me.agent.id} name={me.agent.name} size="sm" kind="agent" online={online} />
          <span class="top-bar__me-text">
            <span class="top-bar__me-name">{me.agent.name}</span>
            <span class="top-bar__me-status">{online ? "Online" : "Connecting…"}</span>
          </span>
        </div>
        <button type="button" class="button button--quiet" onClick={leave} disabled={leaving.value}>
          <Icon name="logout" />
          <span class="top-bar__label">{leaving.value ? "Logging out…" : "Log out"}</span>
        </button>
      </div>
    </header>
  );
}
