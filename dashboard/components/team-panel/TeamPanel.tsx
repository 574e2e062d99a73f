import type { MeResponse } from "@parley/protocol";
import { useLayoutEffect, useRef } from "preact/hooks";
import { teamHref } from "../../state/route";
import { teamChatById } from "../../state/team-chat/chat-list";
import { closeTeamPanel, teamPanelView } from "../../state/team-chat/panel";
import { panelNav } from "../../state/team-chat/team-nav";
import { Icon } from "../icon/Icon";
import { TeamChatList } from "../team-chat-list/TeamChatList";
import { TeamInfo } from "../team-info/TeamInfo";
import { TeamRoomView } from "../team-room/TeamRoomView";
import "./team-panel.css";

/**
 * The team's chats over any page, as a non-modal dialog (full screen on phones): the list, a
 * chat, its details. Focus starts on its title; Escape closes it and focus returns to the button.
 * The chat's room stays connected under its details.
 */
export function TeamPanel({ me, onClose }: { me: MeResponse; onClose: () => void }) {
  const title = useRef<HTMLHeadingElement>(null);
  const view = teamPanelView.value;
  const meId = me.agent.id;
  const chatId = view.view === "list" ? null : view.chatId;
  const chat = chatId ? teamChatById(chatId) : undefined;
  const details = view.view === "info" && chat !== undefined;
  useLayoutEffect(() => title.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent) => {
    // A confirmation's own Escape only closes that confirmation.
    if (event.key !== "Escape" || (event.target as Element).closest("dialog")) return;
    event.preventDefault();
    onClose();
  };

  return (
    <div class="team-panel" id="team-panel" role="dialog" aria-modal="false" aria-labelledby="team-panel-title" onKeyDown={onKeyDown}>
      <header class="team-panel__head">
        <h2 class="team-panel__title" id="team-panel-title" tabIndex={-1} ref={title}>
          Team chat
        </h2>
        <a class="button button--quiet icon-button" href={teamHref(chatId)} aria-label="Open in the Team section" onClick={closeTeamPanel}>
          <Icon name="expand" />
        </a>
        <button type="button" class="button button--quiet icon-button" aria-label="Close team chat" onClick={onClose}>
          <Icon name="x" />
        </button>
      </header>
      <div class="team-panel__body">
        {chatId === null ? (
          <TeamChatList idBase="team-panel" meId={meId} nav={panelNav} activeId={null} titled={false} />
        ) : (
          <div class="team-panel__room" inert={details}>
            <TeamRoomView
              chatId={chatId}
              meId={meId}
              idBase="team-panel"
              nav={panelNav}
              backAlways
              detailsOpen={details}
              onToggleDetails={() => (teamPanelView.value = { view: "info", chatId })}
            />
          </div>
        )}
        {details && (
          <div class="team-panel__details">
            <TeamInfo chat={chat} meId={meId} idBase="team-panel" nav={panelNav} onClose={() => (teamPanelView.value = { view: "chat", chatId: chat.id })} />
          </div>
        )}
      </div>
    </div>
  );
}
