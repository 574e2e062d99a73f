import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { forgetInviteLinks, loadTeamAgents, teamAgents, teamAgentsFailed } from "../../state/settings/agent-admin";
import { Icon } from "../icon/Icon";
import { AgentRow } from "./AgentRow";
import { InviteAgentForm } from "./InviteAgentForm";
import "./agent-admin.css";

/** The workspace's agents for its admins (SPEC §5): invite, roles, deactivation, sign-in links. */
export function AgentList({ meId }: { meId: string }) {
  const inviting = useSignal(false);
  useEffect(() => {
    void loadTeamAgents();
    return forgetInviteLinks;
  }, []);

  const agents = teamAgents.value;
  return (
    <div class="agent-admin">
      <div class="settings-view__head">
        <div>
          <h2 class="settings-view__title" tabIndex={-1}>
            Agents
          </h2>
          <p class="settings-view__lead">Who answers your visitors. Admins also manage sites and the team.</p>
        </div>
        {!inviting.value && (
          <button type="button" class="button button--primary" onClick={() => (inviting.value = true)}>
            <Icon name="plus" />
            Invite agent
          </button>
        )}
      </div>
      {inviting.value && (
        <InviteAgentForm
          onDone={(agentId) => {
            inviting.value = false;
            // The new row's link is the next thing to do: copy it.
            if (agentId) requestAnimationFrame(() => document.querySelector<HTMLElement>(`#agent-${agentId} .copy-field button`)?.focus());
          }}
        />
      )}
      {teamAgentsFailed.value && <p class="form-error">{teamAgentsFailed.value}</p>}
      {!agents && !teamAgentsFailed.value && (
        <p class="settings-loading" role="status">
          Loading the team…
        </p>
      )}
      {agents && (
        <ul class="agent-admin__list settings-card" aria-label="Agents">
          {agents.map((agent) => (
            <AgentRow key={agent.id} agent={agent} isMe={agent.id === meId} />
          ))}
        </ul>
      )}
    </div>
  );
}
