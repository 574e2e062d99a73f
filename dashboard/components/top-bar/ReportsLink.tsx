import { reportsRoute, settingsRoute, teamRoute } from "../../state/route";
import { Icon } from "../icon/Icon";
import "./reports-link.css";

/**
 * The way to the Reports page, for every agent: an admin's figures are the workspace's, an
 * agent's their own. Marked while away from the inbox, where phones give its room to the Inbox button.
 */
export function ReportsLink() {
  const away = Boolean(settingsRoute.value || teamRoute.value || reportsRoute.value);
  return (
    <a
      class={away ? "button button--quiet top-bar__reports top-bar__reports--away" : "button button--quiet top-bar__reports"}
      href="#/reports"
      aria-current={reportsRoute.value ? "page" : undefined}
    >
      <Icon name="chart" />
      <span class="top-bar__reports-label">Reports</span>
    </a>
  );
}
