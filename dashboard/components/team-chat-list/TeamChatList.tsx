import { useSignal } from "@preact/signals";
import type { TeamChat } from "@parley/protocol";
import { useRef } from "preact/hooks";
import { teamChats, teamChatsState, loadTeamChats } from "../../state/team-chat/chat-list";
import type { TeamNav } from "../../state/team-chat/team-nav";
import { EmptyState } from "../empty-state/EmptyState";
import { Icon } from "../icon/Icon";
import { NewDirectForm } from "../team-new-chat/NewDirectForm";
import { NewGroupForm } from "../team-new-chat/NewGroupForm";
import { TeamChatRow } from "./TeamChatRow";
import "./team-chat-list.css";

/**
 * The agent's team chats, newest activity first, live from the lobby; a new direct chat or group
 * folds out under the head. `titled`: the Team section names the list; the panel names itself.
 */
export function TeamChatList(props: { idBase: string; meId: string; nav: TeamNav; activeId: string | null; titled: boolean }) {
  const { idBase, meId, nav } = props;
  const compose = useSignal<"direct" | "group" | null>(null);
  const toggles = { direct: useRef<HTMLButtonElement>(null), group: useRef<HTMLButtonElement>(null) };
  const chats = teamChats.value;
  const state = teamChatsState.value;

  const fold = () => {
    const was = compose.value;
    compose.value = null;
    if (was) toggles[was].current?.focus();
  };
  const opened = (chat: TeamChat) => {
    compose.value = null;
    nav.openChat(chat.id);
  };
  const toggle = (kind: "direct" | "group") => (compose.value = compose.value === kind ? null : kind);

  return (
    <section class="team-list" aria-label={props.titled ? undefined : "Team chats"} aria-labelledby={props.titled ? `${idBase}-list-title` : undefined}>
      <div class="team-list__head">
        {props.titled && (
          <h2 class="team-list__title" id={`${idBase}-list-title`}>
            Team chat
          </h2>
        )}
        <div class="team-list__new">
          <button type="button" class="button" ref={toggles.direct} aria-expanded={compose.value === "direct"} onClick={() => toggle("direct")}>
            <Icon name="message" />
            New message
          </button>
          <button type="button" class="button" ref={toggles.group} aria-expanded={compose.value === "group"} onClick={() => toggle("group")}>
            <Icon name="users" />
            New group
          </button>
        </div>
      </div>
      {compose.value === "direct" && <NewDirectForm idBase={idBase} onOpened={opened} onCancel={fold} />}
      {compose.value === "group" && <NewGroupForm idBase={idBase} onCreated={opened} onCancel={fold} />}
      <div class="team-list__rows-box">
        {chats.length > 0 ? (
          <ul class="team-list__rows">
            {chats.map((chat) => (
              <TeamChatRow key={chat.id} chat={chat} meId={meId} nav={nav} selected={chat.id === props.activeId} />
            ))}
          </ul>
        ) : state === "loading" ? (
          <p class="team-list__status" role="status">
            Loading your team chats…
          </p>
        ) : state === "failed" ? (
          <div class="team-list__status" role="alert">
            <p>Your team chats could not be loaded.</p>
            <button type="button" class="button" onClick={() => void loadTeamChats()}>
              Try again
            </button>
          </div>
        ) : (
          <EmptyState icon="users" title="No team chats yet">
            <p>Message a teammate by their email, or start a group for your shift.</p>
          </EmptyState>
        )}
      </div>
    </section>
  );
}
