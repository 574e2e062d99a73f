import { useEffect, useState } from "preact/hooks";
import { TeamRoom } from "../../state/team-chat/team-room";
import { EmptyState } from "../empty-state/EmptyState";
import { MessageList } from "../message-list/MessageList";
import { TeamComposer } from "./TeamComposer";
import { TeamRoomHeader, type RoomPlace } from "./TeamRoomHeader";
import "./team-room.css";

/**
 * One team chat: its header (who, who is here, the details toggle), the messages with load
 * older and "Seen by", the composer. Its room socket lives as long as the view.
 */
export function TeamRoomView(props: RoomPlace & { chatId: string }) {
  const [room, setRoom] = useState<TeamRoom | null>(null);
  useEffect(() => {
    const next = new TeamRoom(props.chatId, props.meId);
    setRoom(next);
    return () => next.close();
  }, [props.chatId, props.meId]);

  if (!room || room.chatId !== props.chatId) return null;
  const problem = room.problem.value;
  if (problem) {
    return (
      <div class="team-room team-room--gone">
        <EmptyState icon="alert" title="This chat can't be opened">
          <p>{problem}</p>
          <button type="button" class="button" onClick={props.nav.showList}>
            Back to your chats
          </button>
        </EmptyState>
      </div>
    );
  }
  return (
    <section class="team-room" aria-labelledby={`${props.idBase}-room-title`}>
      <TeamRoomHeader room={room} {...props} />
      <MessageList conversation={room} meId={props.meId} />
      <TeamComposer room={room} idBase={props.idBase} />
    </section>
  );
}
