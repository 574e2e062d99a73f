import { useSignal } from "@preact/signals";
import type { TeamChat } from "@parley/protocol";
import { useEffect, useRef } from "preact/hooks";
import { useAction } from "../../lib/use-action";
import { showNotice } from "../../state/notices";
import { isGroupAdmin } from "../../state/team-chat/members";
import { deleteGroup, hideChat, leaveGroup, removeMember } from "../../state/team-chat/team-actions";
import type { TeamNav } from "../../state/team-chat/team-nav";
import { ConfirmDialog } from "../confirm-dialog/ConfirmDialog";
import { Icon } from "../icon/Icon";
import { GroupForms } from "./GroupForms";
import { MemberList } from "./MemberList";
import "./team-info.css";

type Asking = "leave" | "delete" | null;

/**
 * A team chat's details: its members with their status, and what the agent may do. Any member
 * hides a chat for themself or leaves a group; a group's admin renames it, adds and removes
 * members, and deletes it for everyone (after asking).
 */
export function TeamInfo(props: { chat: TeamChat; meId: string; idBase: string; nav: TeamNav; onClose: () => void }) {
  const { chat, meId, nav } = props;
  const action = useAction();
  const asking = useSignal<Asking>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const admin = isGroupAdmin(chat, meId);
  const busy = action.busy.value;
  useEffect(() => heading.current?.focus({ preventScroll: true }), [chat.id]);

  const leaveFor = async (name: string, run: () => Promise<void>, notice: string) => {
    if (await action.run(name, run)) {
      showNotice({ tone: "info", text: notice });
      nav.showList();
    }
  };
  const answer = (confirmed: boolean) => {
    const asked = asking.value;
    asking.value = null;
    if (!confirmed) return;
    if (asked === "leave") void leaveFor("leave", () => leaveGroup(chat.id, meId), `You left ${chat.title}`);
    if (asked === "delete") void leaveFor("delete", () => deleteGroup(chat.id), `${chat.title} was deleted`);
  };

  return (
    <aside class="team-info" aria-labelledby={`${props.idBase}-info-title`}>
      <header class="team-info__head">
        <h2 class="team-info__title" id={`${props.idBase}-info-title`} tabIndex={-1} ref={heading}>
          Chat details
        </h2>
        <button type="button" class="button button--quiet icon-button" aria-label="Close chat details" onClick={props.onClose}>
          <Icon name="x" />
        </button>
      </header>
      <div class="team-info__body">
        {admin && <GroupForms key={chat.title} chat={chat} idBase={props.idBase} action={action} />}
        <h3 class="team-info__section">
          Members <span class="team-info__count">{chat.members.length}</span>
        </h3>
        <MemberList chat={chat} meId={meId} admin={admin} busy={busy} onRemove={(agentId) => void action.run("remove", () => removeMember(chat.id, agentId))} />
        {action.error.value && (
          <p class="form-error" role="alert">
            {action.error.value}
          </p>
        )}
        <div class="team-info__actions">
          <button
            type="button"
            class="button"
            disabled={busy !== null}
            onClick={() => void leaveFor("hide", () => hideChat(chat.id), `${chat.title} is hidden until someone writes in it`)}
          >
            <Icon name="eye" />
            {busy === "hide" ? "Hiding…" : "Hide chat"}
          </button>
          {chat.kind === "group" && (
            <button type="button" class="button button--danger" disabled={busy !== null} onClick={() => (asking.value = "leave")}>
              <Icon name="logout" />
              {busy === "leave" ? "Leaving…" : "Leave group"}
            </button>
          )}
          {admin && (
            <button type="button" class="button button--danger" disabled={busy !== null} onClick={() => (asking.value = "delete")}>
              <Icon name="trash" />
              {busy === "delete" ? "Deleting…" : "Delete group"}
            </button>
          )}
        </div>
        <p class="team-info__hint">Hiding takes the chat off your list only; a new message brings it back.</p>
      </div>
      {asking.value === "leave" && (
        <ConfirmDialog title={`Leave ${chat.title}?`} confirmLabel="Leave group" danger onClose={answer}>
          <p>You stop getting its messages. An admin can add you again.</p>
        </ConfirmDialog>
      )}
      {asking.value === "delete" && (
        <ConfirmDialog title={`Delete ${chat.title}?`} confirmLabel="Delete group" danger onClose={answer}>
          <p>The group and all its messages are gone for every member. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </aside>
  );
}
