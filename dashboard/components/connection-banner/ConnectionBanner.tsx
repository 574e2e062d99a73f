import { lobbyLink, tooManyTabs } from "../../state/lobby-link";
import { Icon } from "../icon/Icon";
import "./connection-banner.css";

/** Says so when live updates stopped, instead of letting a stale inbox look current. */
export function ConnectionBanner() {
  if (tooManyTabs.value) {
    return (
      <div class="connection-banner connection-banner--stopped" role="alert">
        <Icon name="alert" />
        <span>
          <strong>Parley is open in too many tabs.</strong> This one gets no live updates — close one, then reload.
        </span>
        <button type="button" class="button connection-banner__action" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
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
