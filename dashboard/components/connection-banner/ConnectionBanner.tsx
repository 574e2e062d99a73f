import { lobbyLink } from "../../state/lobby-link";
import { Icon } from "../icon/Icon";
import "./connection-banner.css";

/** Says so when live updates stopped, instead of letting a stale inbox look current. */
export function ConnectionBanner() {
  if (lobbyLink.value !== "reconnecting") return null;
  return (
    <div class="connection-banner" role="status">
      <Icon name="wifiOff" />
      <span>
        <strong>Connection lost.</strong> Reconnecting… The inbox catches up by itself once it is back.
      </span>
    </div>
  );
}
