import type { TeamChat } from "@parley/protocol";
import { directPartner, PRESENCE_WORDS, presenceOfAgent } from "../../state/team-chat/members";
import type { TeamNav } from "../../state/team-chat/team-nav";
import type { TeamRoom } from "../../state/team-chat/team-room";
import { Icon } from "../icon/Icon";
import { ChatAvatar } from "../team-chat-list/ChatAvatar";

/** "Online" for a direct chat's teammate; "4 members · 2 here now" for a group. */
function subline(chat: TeamChat, room: TeamRoom, meId: string): string {
  const partner = directPartner(chat, meId);
  if (partner) return PRESENCE_WORDS[presenceOfAgent(partner.id)];
  const here = room.present.value.length;
  return `${chat.members.length} members${here > 0 ? ` · ${here} here now` : ""}`;
}

/** Where a room is shown and how its header behaves there (the Team section or the floating panel). */
export interface RoomPlace {
  meId: string;
  idBase: string;
  nav: TeamNav;
  /** The back button: always in the panel, on phones in the Team section. */
  backAlways: boolean;
  detailsOpen: boolean;
  onToggleDetails: () => void;
}

/** Who the chat is with, who has it open, and the way to its members and actions. */
export function TeamRoomHeader(props: RoomPlace & { room: TeamRoom }) {
  const { room, meId } = props;
  const chat = room.chat.value;
  const here = room.present.value.map((agent) => agent.name).join(", ");
  return (
    <header class="team-room__header">
      <button
        type="button"
        class={`button button--quiet icon-button team-room__back${props.backAlways ? " team-room__back--always" : ""}`}
        aria-label="Back to your chats"
        onClick={props.nav.showList}
      >
        <Icon name="chevronLeft" />
      </button>
      {chat && <ChatAvatar chat={chat} meId={meId} />}
      <div class="team-room__who">
        <h2 class="team-room__title" id={`${props.idBase}-room-title`}>
          {chat?.title ?? "Team chat"}
        </h2>
        <p class="team-room__state" title={here ? `Here now: ${here}` : undefined}>
          {chat && subline(chat, room, meId)}
          {room.link.value === "reconnecting" && <span class="team-room__link"> · Reconnecting…</span>}
        </p>
      </div>
      <button
        type="button"
        class="button button--quiet icon-button"
        aria-label="Chat details"
        aria-expanded={props.detailsOpen}
        onClick={props.onToggleDetails}
      >
        <Icon name="panel" />
      </button>
    </header>
  );
}
