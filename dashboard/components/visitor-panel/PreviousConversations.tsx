import type { ConversationSummary } from "@parley/protocol";
import { RelativeTime } from "../time/TimeLabels";
import { StatusPill } from "../status-pill/StatusPill";

/** Earlier conversations of this visitor, newest first; each opens in the conversation column. */
export function PreviousConversations({ conversations }: { conversations: ConversationSummary[] }) {
  return (
    <section class="previous" aria-labelledby="previous-title">
      <h3 id="previous-title" class="previous__title">
        Previous conversations <span class="previous__count">{conversations.length}</span>
      </h3>
      {conversations.length === 0 ? (
        <p class="visitor-panel__muted">This is their first conversation.</p>
      ) : (
        <ul class="previous__list">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <a class="previous__item" href={`#/c/${conversation.id}`}>
                <span class="previous__top">
                  <StatusPill status={conversation.status} />
                  <RelativeTime at={conversation.last_message_at ?? conversation.created_at} />
                </span>
                <span class="previous__preview">{conversation.last_message ?? "No messages"}</span>
                {conversation.agent && <span class="previous__agent">with {conversation.agent.name}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
