import { useSignal } from "@preact/signals";
import type { MeResponse } from "@parley/protocol";
import { showNotice } from "../../state/notices";
import { reportsRoute, settingsRoute, showInbox, teamRoute } from "../../state/route";
import { logOut } from "../../state/session";
import { AlertsMenu } from "../alerts-menu/AlertsMenu";
import { Icon } from "../icon/Icon";
import { StatusMenu } from "../status-menu/StatusMenu";
import { TeamPresence } from "../team-presence/TeamPresence";
import { ReportsLink } from "./ReportsLink";
import { TeamLink } from "./TeamLink";
import "./top-bar.css";

/** Workspace, the way to the Team section and to Reports, the admin's to Settings and back, team presence, alerts and the signed-in agent with their status. */
export function TopBar({ me }: { me: MeResponse }) {
  const leaving = useSignal(false);

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
        {(settingsRoute.value || teamRoute.value || reportsRoute.value) && (
          <button type="button" class="button button--quiet" onClick={showInbox}>
            <Icon name="inbox" />
            <span class="visually-hidden-below-desktop">Inbox</span>
          </button>
        )}
        <TeamLink />
        <ReportsLink />
        {me.agent.role === "admin" && !settingsRoute.value && (
          <a class="button button--quiet" href="#/settings">
            <Icon name="settings" />
            <span class="visually-hidden-below-desktop">Settings</span>
          </a>
        )}
        <TeamPresence meId={me.agent.id} />
        <AlertsMenu />
        <StatusMenu me={me} />
        <button type="button" class="button button--quiet" onClick={leave} disabled={leaving.value}>
          <Icon name="logout" />
          <span class="visually-hidden-below-desktop">{leaving.value ? "Logging out…" : "Log out"}</span>
        </button>
      </div>
    </header>
  );
}
