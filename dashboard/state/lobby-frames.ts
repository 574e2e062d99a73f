import type { DashboardOneFrame } from "@parley/protocol";
import { announceHandover, announceMessage, announceRequest } from "./alerts";
import { refreshClosedIfShown } from "./closed-list";
import { refuseAction, settleAction } from "./customer-actions";
import { feedConnected, receiveSessions } from "./live-feed";
import { keyOf, liveCustomerSignal, recordMessage, setUnread, setVisitorTyping, upsertCustomer } from "./live-sessions";
import { statusConfirmed } from "./my-status";
import { showNotice } from "./notices";
import { isViewing } from "./open-conversation";
import { learnLimits } from "./server-limits";
import { me } from "./session";
import { setTeam, updatePresence } from "./team";
import { loadTeamChats, receiveTeamFrame } from "./team-chat/chat-list";

/** Applies one frame of the workspace socket (SPEC §7) to the models. */
export function handleLobbyFrame(frame: DashboardOneFrame): void {
  switch (frame.type) {
    case "sessions":
      return receiveSessions(frame.data);
    case "session_updated":
      return upsertCustomer(frame.data.customer);
    case "agents":
      setTeam(frame.data.agents);
      return statusConfirmed();
    case "agent_presence":
      updatePresence(frame.data);
      if (frame.data.id === me.peek()?.agent.id) statusConfirmed();
      return;
    case "agent_assignment_changed":
      announceHandover(liveCustomerSignal(keyOf(frame.data.customer))?.peek(), frame.data.customer);
      upsertCustomer(frame.data.customer);
      if (frame.data.customer.status === "closed") refreshClosedIfShown();
      return;
    case "new_session":
    case "customer_stop_status_changed":
      upsertCustomer(frame.data.customer);
      if (frame.data.customer.status === "closed") refreshClosedIfShown();
      return;
    case "agent_requested":
      upsertCustomer(frame.data.customer);
      return announceRequest(frame.data);
    case "agent_assigned":
    case "agent_unassigned":
    case "agent_transferred":
    case "session_closed":
      settleAction();
      upsertCustomer(frame.data.customer);
      if (frame.data.customer.status === "closed") refreshClosedIfShown();
      return;
    case "new_message": {
      const viewing = isViewing(frame.data.message.conversation_id);
      announceMessage(liveCustomerSignal(keyOf(frame.data))?.peek(), frame.data.message);
      if (recordMessage(frame.data, frame.data.message, { viewing })) refreshClosedIfShown();
      return;
    }
    case "typing":
      if (frame.data.sender_type === "user") setVisitorTyping(frame.data, frame.data.is_typing);
      return;
    case "read":
      return setUnread(frame.data, frame.data.unread_count);
    case "error":
      if (!refuseAction(frame)) showNotice({ tone: "error", text: frame.error });
      return;
    case "team_chat_updated":
    case "team_chat_removed":
    case "team_unread":
      return receiveTeamFrame(frame);
    case "connected":
      learnLimits(frame.data.limits);
      // Team frames missed while the socket was down are not resent: the list is read again.
      void loadTeamChats();
      return feedConnected();
    case "message_sent":
    case "stopped_customers":
      return;
  }
}
