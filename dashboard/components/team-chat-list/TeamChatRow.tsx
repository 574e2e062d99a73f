import type { TeamChat } from "@parley/protocol";
import type { TeamNav } from "../../state/team-chat/team-nav";
import { RelativeTime } from "../time/TimeLabels";
import { ChatAvatar } from "./ChatAvatar";

/**
 * One team chat: who or which group, the latest message, when, and how many are unread. A link
 * in the Team section (it opens in a new tab too), a button in the panel.
 */
export function TeamChatRow({ chat, meId, nav, selected }: { chat: TeamChat; meId: string; nav: TeamNav; selected: boolean }) {
  const unread = chat.unread_count > 0;
  const classes = `team-row list-row${selected ? " list-row--selected" : ""}${unread ? " team-row--unread" : ""}`;
  const body = (
    <>
      <ChatAvatar chat={chat} meId={meId} />
      <span class="team-row__body">
        <span class="team-row__top">
          <span class="team-row__name list-row__name">{chat.title}</span>
          <RelativeTime at={chat.last_message?.timestamp ?? chat.created_at} />
        </span>
        <span class="team-row__middle">
          <span class="team-row__preview">
            {chat.last_message?.content ?? (
              <span class="team-row__none">{chat.kind === "group" ? `${chat.members.length} members` : "No messages yet"}</span>
            )}
          </span>
          {unread && (
            <span class="team-row__unread">
              {chat.unread_count}
              <span class="visually-hidden"> unread</span>
            </span>
          )}
        </span>
      </span>
    </>
  );
  return (
    <li>
      {nav.chatHref ? (
        <a class={classes} href={nav.chatHref(chat.id)} aria-current={selected ? "true" : undefined}>
          {body}
        </a>
      ) : (
        <button type="button" class={classes} onClick={() => nav.openChat(chat.id)}>
          {body}
        </button>
      )}
    </li>
  );
}
