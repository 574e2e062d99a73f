import { signal } from "@preact/signals";

/** What the floating team panel shows: the list, one chat, or one chat's members and actions. */
export type TeamPanelView = { view: "list" } | { view: "chat"; chatId: string } | { view: "info"; chatId: string };

/**
 * The floating team panel over any dashboard page. It moves between its views on its own,
 * without the URL, so the page under it stays where it was.
 */
export const teamPanelOpen = signal(false);
export const teamPanelView = signal<TeamPanelView>({ view: "list" });

export function closeTeamPanel(): void {
  teamPanelOpen.value = false;
}
