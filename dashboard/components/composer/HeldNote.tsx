import type { AgentRef, MeResponse } from "@parley/protocol";
import type { CustomerTarget } from "../../state/live-sessions";
import { pendingAction, runCustomerAction } from "../../state/customer-actions";
import { Icon } from "../icon/Icon";

/**
 * Why the composer is read-only: a colleague has the conversation, and the server refuses
 * replies from anyone else. An admin may take it over (a transfer to themself); an agent may not.
 */
export function HeldNote(props: { holder: AgentRef; me: MeResponse; target: (CustomerTarget & { session_id: string }) | null }) {
  const { holder, me, target } = props;
  const admin = me.agent.role === "admin";
  const pending = pendingAction.value;
  const takingOver = pending?.sessionId === target?.session_id && pending?.action === "transfer";

  return (
    <div class="composer__held" id="composer-held" role="status">
      <Icon name="alert" />
      <p>
        <strong>{holder.name} is handling this conversation.</strong>{" "}
        {admin ? "Take it over to reply." : `Ask ${holder.name} to transfer it to you to reply.`}
      </p>
      {admin && target && (
        <button type="button" class="button button--primary" disabled={pending !== null} onClick={() => runCustomerAction(target, "transfer", me.agent.id)}>
          <Icon name="takeOver" />
          {takingOver ? "Taking over…" : "Take over"}
        </button>
      )}
    </div>
  );
}
