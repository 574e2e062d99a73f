import { waitingQueue } from "../../state/inbox";
import { showConversation } from "../../state/route";
import { EmptyState } from "../empty-state/EmptyState";
import { WaitingTimer } from "../time/TimeLabels";

/** With no conversation open, the middle column points at who has waited longest. */
export function NextUp() {
  const { count, longest: next } = waitingQueue.value;
  if (!next) {
    return (
      <EmptyState icon="message" title="Pick a conversation">
        <p>Nobody is waiting for a human right now. Choose any conversation in the list to read it and reply.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState icon="clock" title={count === 1 ? "1 visitor is waiting for a human" : `${count} visitors are waiting for a human`}>
      <p>
        {next.customer_name} has waited longest{next.waiting_since && <> (<WaitingTimer since={next.waiting_since} />)</>}.
      </p>
      <button type="button" class="button button--primary empty-state__action" onClick={() => showConversation(next.session_id)}>
        Open {next.customer_name}
      </button>
    </EmptyState>
  );
}
