import { asSentence } from "../../lib/text";
import type { TeamRoom } from "../../state/team-chat/team-room";
import { ReplyBox } from "../composer/ReplyBox";
import { Icon } from "../icon/Icon";

/** The message box of a team chat: while the room reconnects, messages wait and go out after. */
export function TeamComposer({ room, idBase }: { room: TeamRoom; idBase: string }) {
  const title = room.chat.value?.title ?? "the team";
  const refusal = room.replyRefusal.value;
  return (
    <ReplyBox target={room} idBase={`${idBase}-composer`} label={`Message ${title}`} placeholder={`Message ${title}…`}>
      {room.link.value === "reconnecting" && <p class="composer__note">Reconnecting… Messages you send now go out as soon as it is back.</p>}
      {refusal && (
        <div class="composer__refusal" role="alert">
          <Icon name="alert" />
          <p>
            <strong>Your message was not sent.</strong> {asSentence(refusal)}
          </p>
          <button type="button" class="button button--quiet icon-button" aria-label="Dismiss" onClick={() => (room.replyRefusal.value = null)}>
            <Icon name="x" />
          </button>
        </div>
      )}
    </ReplyBox>
  );
}
