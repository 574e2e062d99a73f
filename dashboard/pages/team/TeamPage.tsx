import { signal } from "@preact/signals";
import type { MeResponse } from "@parley/protocol";
import { EmptyState } from "../../components/empty-state/EmptyState";
import { TeamChatList } from "../../components/team-chat-list/TeamChatList";
import { TeamInfo } from "../../components/team-info/TeamInfo";
import { TeamRoomView } from "../../components/team-room/TeamRoomView";
import type { TeamRoute } from "../../state/route";
import { teamChatById } from "../../state/team-chat/chat-list";
import { sectionNav } from "../../state/team-chat/team-nav";
import "./team-page.css";

/** Where the details fit as a third column; narrower, they are a drawer over the room. */
const BESIDE = "(min-width: 1280px)";

/** The details show beside the room where they fit, and wait to be asked for elsewhere. */
const detailsOpen = signal(matchMedia(BESIDE).matches);

/**
 * Team chat (SPEC §4.10) in place of the inbox columns: the chats, the open one, and its details.
 * The workspace socket, alerts and presence carry on. Loaded when the section is first opened.
 */
export function TeamPage({ me, route }: { me: MeResponse; route: TeamRoute }) {
  const meId = me.agent.id;
  const chat = route.chatId ? teamChatById(route.chatId) : undefined;
  const showDetails = detailsOpen.value && chat !== undefined;
  const closeDetails = () => {
    detailsOpen.value = false;
    // Focus goes back to the toggle that opened them, in the room's header.
    document.querySelector<HTMLElement>(".team-room__header [aria-expanded]")?.focus();
  };
  const classes = ["team-page", route.chatId ? "team-page--reading" : "", showDetails ? "team-page--details" : ""];
  // Escape closes the drawer, not the column; a confirmation's own Escape only closes that.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !showDetails || matchMedia(BESIDE).matches || (event.target as Element).closest("dialog")) return;
    closeDetails();
  };

  return (
    <main class={classes.filter(Boolean).join(" ")} id="team" onKeyDown={onKeyDown}>
      <div class="team-page__list">
        <TeamChatList idBase="team" meId={meId} nav={sectionNav} activeId={route.chatId} titled />
      </div>
      <div class="team-page__room">
        {route.chatId ? (
          <TeamRoomView
            chatId={route.chatId}
            meId={meId}
            idBase="team"
            nav={sectionNav}
            backAlways={false}
            detailsOpen={showDetails}
            onToggleDetails={() => (showDetails ? closeDetails() : (detailsOpen.value = true))}
          />
        ) : (
          <EmptyState icon="message" title="Chat with your team">
            <p>Pick a chat on the left, message a teammate by their email, or start a group.</p>
          </EmptyState>
        )}
      </div>
      {showDetails && chat && (
        <div class="team-page__details">
          <TeamInfo key={chat.id} chat={chat} meId={meId} idBase="team" nav={sectionNav} onClose={closeDetails} />
        </div>
      )}
    </main>
  );
}
