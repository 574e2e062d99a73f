import type { MeResponse } from "@parley/protocol";
import { useEffect } from "preact/hooks";
import { ConnectionBanner } from "../../components/connection-banner/ConnectionBanner";
import { ConversationPane } from "../../components/conversation/ConversationPane";
import { InboxList } from "../../components/inbox-list/InboxList";
import { Notices } from "../../components/notices/Notices";
import { TopBar } from "../../components/top-bar/TopBar";
import { VisitorPanel } from "../../components/visitor-panel/VisitorPanel";
import { startLive } from "../../state/live";
import { openConversation } from "../../state/open-conversation";
import "./inbox-page.css";

/** The agent's workspace: inbox list, the open conversation and the visitor beside it. */
export function InboxPage({ me }: { me: MeResponse }) {
  useEffect(() => startLive(me.agent.id), [me.agent.id]);
  const conversation = openConversation.value;

  return (
    <div class={conversation ? "inbox-page inbox-page--reading" : "inbox-page"}>
      <a class="skip-link" href="#conversation">
        Skip to the conversation
      </a>
      <TopBar me={me} />
      <ConnectionBanner />
      <div class="inbox-page__columns">
        <InboxList me={me} />
        <main class="inbox-page__main" id="conversation" tabIndex={-1}>
          <ConversationPane conversation={conversation} me={me} />
        </main>
        {conversation && <VisitorPanel conversation={conversation} />}
      </div>
      <Notices />
    </div>
  );
}
