import { useSignal } from "@preact/signals";
import type { AgentPublic, Role } from "@parley/protocol";
import { HttpError } from "../../lib/http";
import { showNotice } from "../../state/notices";
import { inviteLinks, newInviteLink, updateAgent } from "../../state/settings/agent-admin";
import { presenceOf, team } from "../../state/team";
import { Avatar } from "../avatar/Avatar";
import { CopyField } from "../copy-field/CopyField";
import { Icon } from "../icon/Icon";

const PRESENCE_WORDS = { online: "Online", away: "Away", offline: "Offline" } as const;

const expiry = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * One teammate: their role, whether they may sign in, and a fresh one-time link (first sign-in
 * or a forgotten password). The server's refusals (the last admin, themself) show in the row.
 */
export function AgentRow({ agent, isMe }: { agent: AgentPublic; isMe: boolean }) {
  const problem = useSignal<string | null>(null);
  const busy = useSignal(false);
  const invite = inviteLinks.value[agent.id];
  const member = team.value.find((other) => other.id === agent.id);
  const presence = agent.active && member ? presenceOf(member) : "offline";
  const problemId = `agent-problem-${agent.id}`;

  const run = async (action: () => Promise<unknown>, done?: string) => {
    busy.value = true;
    problem.value = null;
    try {
      await action();
      if (done) showNotice({ tone: "info", text: done });
    } catch (error) {
      problem.value = error instanceof HttpError ? error.message : "That did not work. Try again.";
    } finally {
      busy.value = false;
    }
  };

  return (
    <li id={`agent-${agent.id}`} class={agent.active ? "agent-row" : "agent-row agent-row--inactive"}>
      <div class="agent-row__who">
        <Avatar id={agent.id} name={agent.name} kind="agent" presence={presence} />
        <div class="agent-row__names">
          <p class="agent-row__name">
            {agent.name}
            {isMe && <span class="agent-row__me"> (you)</span>}
          </p>
          <p class="agent-row__email">{agent.email}</p>
        </div>
      </div>
      <p class="agent-row__status">{agent.active ? PRESENCE_WORDS[presence] : "Deactivated"}</p>
      <div class="agent-row__controls">
        <label class="agent-row__role">
          <span class="visually-hidden">Role of {agent.name}</span>
          <select
            value={agent.role}
            disabled={busy.value}
            aria-describedby={problem.value ? problemId : undefined}
            // A refusal re-renders the row (its problem shows), which sets the select back to the role the server has.
            onChange={(event) => {
              const role = event.currentTarget.value as Role;
              void run(() => updateAgent(agent.id, { role }), `${agent.name} is now ${role === "admin" ? "an admin" : "an agent"}.`);
            }}
          >
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        {agent.active && (
          <button type="button" class="button" disabled={busy.value} onClick={() => run(() => newInviteLink(agent.id))}>
            <Icon name="link" />
            {isMe ? "New sign-in link" : "Reset password"}
          </button>
        )}
        {!isMe && (
          <button
            type="button"
            class={agent.active ? "button button--danger" : "button"}
            disabled={busy.value}
            onClick={() =>
              run(
                () => updateAgent(agent.id, { active: !agent.active }),
                agent.active ? `${agent.name} was deactivated and signed out everywhere.` : `${agent.name} can sign in again.`,
              )
            }
          >
            {agent.active ? "Deactivate" : "Reactivate"}
          </button>
        )}
      </div>
      {problem.value && (
        <p class="form-error agent-row__problem" id={problemId} role="alert">
          {problem.value}
        </p>
      )}
      {invite && agent.active && (
        <div class="agent-row__invite">
          <CopyField label={`Sign-in link for ${agent.name}`} value={invite.invite_url} hint={`Works once, until ${expiry(invite.expires_at)}. Older links of ${agent.name} no longer work.`} />
        </div>
      )}
    </li>
  );
}
