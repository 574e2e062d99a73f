import { DashboardSocket } from "../net/dashboard-socket";
import { followAlertChoices } from "./alert-choices";
import { syncTitle } from "./alerts";
import { startClock } from "./clock";
import { followClosedView } from "./closed-list";
import { followViewedCustomer } from "./live-feed";
import { forgetCustomers } from "./live-sessions";
import { attachLobbySocket, lobbyLink, tooManyTabs } from "./lobby-link";
import { handleLobbyFrame } from "./lobby-frames";
import { followOpenConversation } from "./open-conversation";
import { serverLimits } from "./server-limits";
import { signedOut, stillSignedIn } from "./session";
import { loadSites } from "./sites";
import { setTeam } from "./team";
import { forgetTeamChats } from "./team-chat/chat-list";
import { closeTeamPanel } from "./team-chat/panel";

/**
 * Everything that runs while an agent is signed in: the workspace socket, the clock, the
 * title count, the open conversation. Returns the function that stops it all (logout).
 */
export function startLive(meId: string): () => void {
  const socket = new DashboardSocket({
    onFrame: handleLobbyFrame,
    onState: (state) => {
      lobbyLink.value = state;
    },
    keepAliveMs: () => serverLimits.peek().keepalive_ms,
    stillSignedIn,
    onSignedOut: signedOut,
    onTooManySockets: () => {
      tooManyTabs.value = true;
    },
  });
  attachLobbySocket(socket);
  socket.start();
  void loadSites();
  const stops = [startClock(), followClosedView(), syncTitle(), followAlertChoices(meId), followOpenConversation(meId), followViewedCustomer()];
  return () => {
    socket.stop();
    attachLobbySocket(null);
    tooManyTabs.value = false;
    for (const stop of stops) stop();
    // The next agent to log in on this page must not glimpse this one's inbox.
    forgetCustomers();
    setTeam([]);
    forgetTeamChats();
    closeTeamPanel();
  };
}
