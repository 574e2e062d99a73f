import type { MeResponse } from "@parley/protocol";
import { useEffect } from "preact/hooks";
import { ConnectionBanner } from "../../components/connection-banner/ConnectionBanner";
import { ConversationPane } from "../../components/conversation/ConversationPane";
import { InboxList } from "../../components/inbox-list/InboxList";
import { Notices } from "../../components/notices/Notices";
import { TopBar } from "../../components/top-bar/TopBar";
import { VisitorPanel } from "../../components/visitor-panel/VisitorPanel";
import { lazy } from "../../lib/lazy";
import { startLive } from "../../state/live";
import { openConversation } from "../../state/open-conversation";
import { settingsRoute } from "../../state/route";
import "./inbox-page.css";

/** Admins only, and rarely: its code loads when Settings is first opened, not with the inbox. */
const SettingsPage = lazy(
  () => import("../settings/SettingsPage").then((module) => module.SettingsPage),
  () => (
    <div class="page-loading" role="status">
      Loading settings…
    </div>
  ),
);

/**
 * The agent's workspace: inbox list, the open conversation and the visitor beside it; for an
 * admin at `#/settings…`, the settings in their place (an agent's settings link shows the inbox).
 */
export function InboxPage({ me }: { me: MeResponse }) {
  useEffect(() => startLive(me.agent.id), [me.agent.id]);
  const conversation = openConversation.value;
  const settings = me.agent.role === "admin" ? settingsRoute.value : null;

  return (
    <div class={conversation ? "inbox-page inbox-page--reading" : "inbox-page"}>
      {!settings && (
        <a class="skip-link" href="#conversation">
          Skip to the conversation
        </a>
      )}
      <TopBar me={me} />
      <ConnectionBanner />
      {settings ? (
        <SettingsPage me={me} route={settings} />
      ) : (
        <div class="inbox-page__columns">
          <InboxList me={me} />
          <main class="inbox-page__main" id="conversation" tabIndex={-1}>
            <ConversationPane conversation={conversation} me={me} />
          </main>
          {conversation && <VisitorPanel conversation={conversation} />}
        </div>
      )}
      <Notices />
    </div>
  );
}
