import type { MeResponse } from "@parley/protocol";
import type { OpenConversation } from "../../state/conversation/open-conversation";
import { Composer } from "../composer/Composer";
import { ConversationHeader } from "../conversation-header/ConversationHeader";
import { EmptyState } from "../empty-state/EmptyState";
import { MessageList } from "../message-list/MessageList";
import { NextUp } from "./NextUp";
import "./conversation.css";

/** The middle column: header with actions, the messages, the composer — or what to do next. */
export function ConversationPane({ conversation, me }: { conversation: OpenConversation | null; me: MeResponse }) {
  if (!conversation) {
    return (
      <div class="conversation conversation--empty">
        <NextUp />
      </div>
    );
  }
  const problem = conversation.problem.value;
  if (problem) {
    return (
      <div class="conversation conversation--empty">
        <EmptyState icon="alert" title="This conversation can't be opened">
          <p>{problem}</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <section class="conversation" aria-labelledby="conversation-title" key={conversation.sessionId}>
      <ConversationHeader conversation={conversation} me={me} />
      <MessageList conversation={conversation} meId={me.agent.id} />
      <Composer conversation={conversation} me={me} />
    </section>
  );
}
