import type { MeResponse } from "@parley/protocol";
import { useEffect } from "preact/hooks";
import { ConnectionBanner } from "../../components/connection-banner/ConnectionBanner";
import { ConversationPane } from "../../components/conversation/ConversationPane";
import { InboxList } from "../../components/inbox-list/InboxList";
import { Notices } from "../../components/notices/Notices";
import { TeamButton } from "../../components/team-button/TeamButton";
import { TopBar } from "../../components/top-bar/TopBar";
import { VisitorPanel } from "../../components/visitor-panel/VisitorPanel";
import { lazy } from "../../lib/lazy";
import { startLive } from "../../state/live";
import { openConversation } from "../../state/open-conversation";
import { reportsRoute, settingsRoute, teamRoute } from "../../state/route";
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

/** Team chat's section (list, rooms, details): its code loads when `#/team` is first opened. */
const TeamPage = lazy(
  () => import("../team/TeamPage").then((module) => module.TeamPage),
  () => (
    <div class="page-loading" role="status">
      Loading team chat…
    </div>
  ),
);

/** Reports and their chart library load when `#/reports` is first opened, never with the inbox. */
const ReportsPage = lazy(
  () => import("../reports/ReportsPage").then((module) => module.ReportsPage),
  () => (
    <div class="page-loading" role="status">
      Loading reports…
    </div>
  ),
);

/**
 * The agent's workspace: inbox list, the open conversation and the visitor beside it; at
 * `#/team…` the team's chats in their place, at `#/reports` the reports, and for an admin at
 * `#/settings…` the settings (an agent's settings link shows the inbox). The team chat button
 * floats over all of them.
 */
export function InboxPage({ me }: { me: MeResponse }) {
  useEffect(() => startLive(me.agent.id), [me.agent.id]);
  const conversation = openConversation.value;
  const settings = me.agent.role === "admin" ? settingsRoute.value : null;
  const team = settings ? null : teamRoute.value;
  const reports = !settings && !team && reportsRoute.value;

  return (
    <div class={conversation ? "inbox-page inbox-page--reading" : "inbox-page"}>
      {!settings && !team && !reports && (
        <a class="skip-link" href="#conversation">
          Skip to the conversation
        </a>
      )}
      <TopBar me={me} />
      <ConnectionBanner />
      {settings ? (
        <SettingsPage me={me} route={settings} />
      ) : team ? (
        <TeamPage me={me} route={team} />
      ) : reports ? (
        <ReportsPage me={me} />
      ) : (
        <div class="inbox-page__columns">
          <InboxList me={me} />
          <main class="inbox-page__main" id="conversation" tabIndex={-1}>
            <ConversationPane conversation={conversation} me={me} />
          </main>
          {conversation && <VisitorPanel conversation={conversation} />}
        </div>
      )}
      <TeamButton me={me} />
      <Notices />
    </div>
  );
}
