import { useSignal } from "@preact/signals";
import type { TeamChat } from "@parley/protocol";
import type { Action } from "../../lib/use-action";
import { addMember, renameGroup } from "../../state/team-chat/team-actions";

/** A group admin renames the group and adds a teammate by email; each saves on its own. */
export function GroupForms({ chat, idBase, action }: { chat: TeamChat; idBase: string; action: Action }) {
  const name = useSignal(chat.title);
  const email = useSignal("");
  const busy = action.busy.value;
  const ids = { name: `${idBase}-rename`, email: `${idBase}-add-member` };

  const rename = (event: Event) => {
    event.preventDefault();
    void action.run("rename", () => renameGroup(chat.id, name.value.trim()));
  };
  const add = async (event: Event) => {
    event.preventDefault();
    if (await action.run("add", () => addMember(chat.id, email.value.trim()))) email.value = "";
  };

  return (
    <>
      <form class="team-info__form" onSubmit={rename}>
        <label class="field__label" for={ids.name}>
          Group name
        </label>
        <div class="team-info__inline">
          <input id={ids.name} autocomplete="off" value={name.value} onInput={(event) => (name.value = event.currentTarget.value)} />
          <button type="submit" class="button" disabled={busy !== null || name.value.trim() === "" || name.value.trim() === chat.title}>
            {busy === "rename" ? "Renaming…" : "Rename"}
          </button>
        </div>
      </form>
      <form class="team-info__form" onSubmit={add} noValidate>
        <label class="field__label" for={ids.email}>
          Add a member by email
        </label>
        <div class="team-info__inline">
          <input
            id={ids.email}
            type="email"
            autocomplete="off"
            placeholder="name@company.com"
            value={email.value}
            onInput={(event) => (email.value = event.currentTarget.value)}
          />
          <button type="submit" class="button" disabled={busy !== null || email.value.trim() === ""}>
            {busy === "add" ? "Adding…" : "Add"}
          </button>
        </div>
      </form>
    </>
  );
}
