import { teamRoute } from "../../state/route";
import { teamUnread } from "../../state/team-chat/chat-list";
import { Icon } from "../icon/Icon";

/** The way to the Team section, with the unread total of the agent's team chats, live. */
export function TeamLink() {
  const unread = teamUnread.value;
  return (
    <a class="button button--quiet top-bar__team" href="#/team" aria-current={teamRoute.value ? "page" : undefined}>
      <Icon name="message" />
      <span class="visually-hidden-below-desktop">Team</span>
      {unread > 0 && (
        <span class="top-bar__count">
          {unread > 99 ? "99+" : unread}
          <span class="visually-hidden"> unread</span>
        </span>
      )}
    </a>
  );
}
