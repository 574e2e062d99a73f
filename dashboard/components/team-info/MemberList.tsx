import type { TeamChat } from "@parley/protocol";
import { PRESENCE_WORDS, presenceOfAgent } from "../../state/team-chat/members";
import { Avatar } from "../avatar/Avatar";
import { Icon } from "../icon/Icon";

/** The chat's members with the inbox's online/away status; a group admin may remove the others. */
export function MemberList(props: { chat: TeamChat; meId: string; admin: boolean; busy: string | null; onRemove: (agentId: string, name: string) => void }) {
  const { chat, meId } = props;
  return (
    <ul class="team-info__members">
      {chat.members.map((member) => {
        const presence = presenceOfAgent(member.id);
        return (
          <li key={member.id} class="team-info__member">
            <Avatar id={member.id} name={member.name} kind="agent" size="sm" presence={presence} />
            <span class="team-info__member-name">
              {member.name}
              {member.id === meId && <span class="team-info__you"> (you)</span>}
            </span>
            {chat.kind === "group" && member.role === "admin" && <span class="team-info__tag">Admin</span>}
            <span class={`team-info__presence team-info__presence--${presence}`}>{PRESENCE_WORDS[presence]}</span>
            {props.admin && member.id !== meId && (
              <button
                type="button"
                class="button button--quiet icon-button team-info__remove"
                aria-label={`Remove ${member.name} from the group`}
                disabled={props.busy !== null}
                onClick={() => props.onRemove(member.id, member.name)}
              >
                <Icon name="x" />
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
