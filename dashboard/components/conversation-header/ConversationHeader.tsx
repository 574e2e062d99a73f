import type { MeResponse } from "@parley/protocol";
import { actionRefusal, pendingAction, runCustomerAction, type CustomerAction } from "../../state/customer-actions";
import { asSentence } from "../../lib/text";
import { summarize } from "../../state/conversation/summary";
import type { OpenConversation } from "../../state/conversation/open-conversation";
import { visitorDrawerOpen } from "../../state/layout";
import { showInbox } from "../../state/route";
import { Avatar } from "../avatar/Avatar";
import { Icon } from "../icon/Icon";
import { StatusPill } from "../status-pill/StatusPill";
import { WaitingTimer } from "../time/TimeLabels";
import { TransferMenu } from "../transfer-menu/TransferMenu";
import { Viewers } from "./Viewers";
import "./conversation-header.css";

const BUSY_LABELS: Record<CustomerAction, string> = {
  assign: "Taking over…",
  unassign: "Releasing…",
  transfer: "Transferring…",
  close: "Closing…",
};

/** Who the visitor is, where the conversation stands, and what the agent can do about it. */
export function ConversationHeader({ conversation, me }: { conversation: OpenConversation; me: MeResponse }) {
  const summary = summarize(conversation);
  const { status, agent, target } = summary;
  const mine = agent?.id === me.agent.id;
  const admin = me.agent.role === "admin";
  const open = status !== null && status !== "closed";
  const pending = pendingAction.value?.sessionId === conversation.sessionId ? pendingAction.value.action : null;
  const busy = pending !== null || !target;
  const refusal = actionRefusal.value?.sessionId === conversation.sessionId ? actionRefusal.value : null;
  const act = (action: CustomerAction, toAgentId?: string) => target && runCustomerAction(target, action, toAgentId);
  const label = (action: CustomerAction, idle: string) => (pending === action ? BUSY_LABELS[action] : idle);

  return (
    <header class="conversation-header">
      <div class="conversation-header__row">
        <button type="button" class="button button--quiet icon-button conversation-header__back" aria-label="Back to the inbox" onClick={showInbox}>
          <Icon name="chevronLeft" />
        </button>
        {summary.visitorId && <Avatar id={summary.visitorId} name={summary.name} />}
        <div class="conversation-header__who">
          <h2 id="conversation-title" class="conversation-header__name">
            {summary.name}
          </h2>
          <p class="conversation-header__state">
            {status && <StatusPill status={status} />}
            {summary.siteName && <span>{summary.siteName}</span>}
            {status === "waiting" && summary.waitingSince && (
              <span class="conversation-header__wait">
                waiting <WaitingTimer since={summary.waitingSince} />
              </span>
            )}
            {agent && (
              <span class="conversation-header__agent">
                {mine ? "Assigned to you" : `Assigned to ${agent.name}`}
              </span>
            )}
            <Viewers agents={conversation.viewers.value} />
          </p>
        </div>
        <div class="conversation-header__actions" role="group" aria-label="Conversation actions">
          {open && !agent && (
            <button type="button" class="button button--primary" disabled={busy} onClick={() => act("assign")}>
              <Icon name="takeOver" />
              {label("assign", "Take over")}
            </button>
          )}
          {open && agent && (mine || admin) && (
            <>
              <button type="button" class="button" disabled={busy} onClick={() => act("unassign")}>
                <Icon name="release" />
                {label("unassign", "Release")}
              </button>
              <TransferMenu
                holderId={agent.id}
                disabled={busy}
                busyLabel={pending === "transfer" ? BUSY_LABELS.transfer : null}
                onPick={(agentId) => act("transfer", agentId)}
              />
            </>
          )}
          {open && (!agent || mine || admin) && (
            <button type="button" class="button button--danger" disabled={busy} onClick={() => act("close")}>
              <Icon name="closeCircle" />
              {label("close", "Close")}
            </button>
          )}
          <button
            type="button"
            class="button button--quiet icon-button conversation-header__details"
            aria-label="Visitor details"
            aria-expanded={visitorDrawerOpen.value}
            aria-controls="visitor-panel"
            onClick={() => (visitorDrawerOpen.value = !visitorDrawerOpen.value)}
          >
            <Icon name="panel" />
          </button>
        </div>
      </div>
      {refusal && (
        <div class="conversation-header__refusal" role="alert">
          <Icon name="alert" />
          <p>
            <strong>{asSentence(refusal.text)}</strong>{" "}
            {refusal.action === "assign" ? "Someone else took this customer first; you can read along or ask them to transfer it to you." : ""}
          </p>
          <button type="button" class="button button--quiet icon-button" aria-label="Dismiss" onClick={() => (actionRefusal.value = null)}>
            <Icon name="x" />
          </button>
        </div>
      )}
    </header>
  );
}
