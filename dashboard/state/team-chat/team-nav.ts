import { showTeam, teamHref } from "../route";
import { teamPanelView } from "./panel";

/**
 * How the team views move between the list, a chat and its details: by the URL in the Team
 * section (links, Back works), inside the floating panel without touching the page under it.
 */
export interface TeamNav {
  /** The link of a chat, or null where chats open with buttons. */
  chatHref: ((chatId: string) => string) | null;
  openChat(chatId: string): void;
  showList(): void;
}

export const sectionNav: TeamNav = {
  chatHref: (chatId) => teamHref(chatId),
  openChat: (chatId) => showTeam(chatId),
  showList: () => showTeam(null),
};

export const panelNav: TeamNav = {
  chatHref: null,
  openChat: (chatId) => {
    teamPanelView.value = { view: "chat", chatId };
  },
  showList: () => {
    teamPanelView.value = { view: "list" };
  },
};
