import { signal } from "@preact/signals";

/**
 * The open conversation lives in the URL hash (`#/c/<session id>`), so Back works, a reload
 * keeps it open, and the static server needs no fallback route.
 */
function sessionFromHash(): string | null {
  const match = /^#\/c\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  return match?.[1] ?? null;
}

/** The admin's settings (SPEC §1), also in the hash: `#/settings`, `#/settings/sites/<id>`, `#/settings/agents`. */
export type SettingsRoute = { view: "sites" } | { view: "site"; siteId: string } | { view: "new-site" } | { view: "agents" };

function settingsFromHash(): SettingsRoute | null {
  const hash = location.hash;
  if (hash === "#/settings" || hash === "#/settings/sites") return { view: "sites" };
  if (hash === "#/settings/agents") return { view: "agents" };
  if (hash === "#/settings/sites/new") return { view: "new-site" };
  const site = /^#\/settings\/sites\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  return site ? { view: "site", siteId: site[1]! } : null;
}

/** Team chat (SPEC §4.10): `#/team` is the list, `#/team/<chat id>` one chat. */
export interface TeamRoute {
  chatId: string | null;
}

function teamFromHash(): TeamRoute | null {
  if (location.hash === "#/team") return { chatId: null };
  const chat = /^#\/team\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  return chat ? { chatId: chat[1]! } : null;
}

/** The reports page (SPEC §11): `#/reports`; its filters live in the page, not in the hash. */
const reportsFromHash = (): boolean => location.hash === "#/reports";

export const openSessionId = signal<string | null>(sessionFromHash());
export const settingsRoute = signal<SettingsRoute | null>(settingsFromHash());
export const teamRoute = signal<TeamRoute | null>(teamFromHash());
export const reportsRoute = signal<boolean>(reportsFromHash());

window.addEventListener("hashchange", () => {
  openSessionId.value = sessionFromHash();
  settingsRoute.value = settingsFromHash();
  teamRoute.value = teamFromHash();
  reportsRoute.value = reportsFromHash();
});

export function showConversation(sessionId: string): void {
  location.hash = `#/c/${sessionId}`;
}

export function showInbox(): void {
  history.pushState(null, "", location.pathname + location.search);
  openSessionId.value = null;
  settingsRoute.value = null;
  teamRoute.value = null;
  reportsRoute.value = false;
}

/** The hash of a settings view, for links (`href`) and for `showSettings`. */
export function settingsHref(route: SettingsRoute): string {
  switch (route.view) {
    case "sites":
      return "#/settings";
    case "agents":
      return "#/settings/agents";
    case "new-site":
      return "#/settings/sites/new";
    case "site":
      return `#/settings/sites/${route.siteId}`;
  }
}

export function showSettings(route: SettingsRoute): void {
  location.hash = settingsHref(route);
}

/** The hash of the team list (`null`) or of one team chat. */
export function teamHref(chatId: string | null): string {
  return chatId === null ? "#/team" : `#/team/${chatId}`;
}

export function showTeam(chatId: string | null): void {
  location.hash = teamHref(chatId);
}
