import type { MeResponse } from "@parley/protocol";
import { useEffect, useRef } from "preact/hooks";
import { AgentList } from "../../components/agent-admin/AgentList";
import { Icon } from "../../components/icon/Icon";
import { showInbox, type SettingsRoute } from "../../state/route";
import { loadAdminSites } from "../../state/settings/site-admin";
import { SitesView } from "./SitesView";
import { SiteView } from "./SiteView";
import "./settings-page.css";

/**
 * The admin's settings (SPEC §1, §5): sites (origins, theme, greeting, availability, FAQs,
 * snippet, identity secret) and agents, without SQL. Shown in place of the inbox columns, so the
 * workspace socket, alerts and presence carry on. Loaded only when an admin opens it.
 */
export function SettingsPage({ me, route }: { me: MeResponse; route: SettingsRoute }) {
  const content = useRef<HTMLDivElement>(null);
  useEffect(() => void loadAdminSites(), []);
  // A new view starts at its heading, for the keyboard and screen readers alike.
  useEffect(() => {
    content.current?.querySelector<HTMLElement>("h2[tabindex]")?.focus({ preventScroll: true });
    content.current?.scrollTo?.({ top: 0 });
  }, [route.view, route.view === "site" ? route.siteId : null]);

  const onSites = route.view !== "agents";
  return (
    <main class="settings" id="settings">
      <nav class="settings__nav" aria-label="Settings">
        <button type="button" class="settings__back" onClick={showInbox}>
          <Icon name="chevronLeft" />
          Back to inbox
        </button>
        <h1 class="settings__title">Settings</h1>
        <ul class="settings__sections">
          <li>
            <a class="settings__section" href="#/settings" aria-current={onSites ? "page" : undefined}>
              <Icon name="globe" />
              Sites
            </a>
          </li>
          <li>
            <a class="settings__section" href="#/settings/agents" aria-current={onSites ? undefined : "page"}>
              <Icon name="users" />
              Agents
            </a>
          </li>
        </ul>
      </nav>
      <div class="settings__content" ref={content}>
        {route.view === "sites" && <SitesView />}
        {route.view === "agents" && <AgentList meId={me.agent.id} />}
        {route.view === "new-site" && <SiteView key="new" siteId={null} />}
        {route.view === "site" && <SiteView key={route.siteId} siteId={route.siteId} />}
      </div>
    </main>
  );
}
