import { onlineCount, team } from "../../state/team";
import { Avatar } from "../avatar/Avatar";
import "./team-presence.css";

/** Who else has the dashboard open: colleagues' avatars with presence dots, online first. */
export function TeamPresence({ meId }: { meId: string }) {
  const colleagues = team.value.filter((agent) => agent.id !== meId);
  if (team.value.length === 0) return null;
  return (
    <section class="team-presence" aria-label="Team">
      <ul class="team-presence__list">
        {colleagues.map((agent) => (
          <li key={agent.id} class="team-presence__member" title={`${agent.name} · ${agent.online ? "online" : "offline"}`}>
            <Avatar id={agent.id} name={agent.name} size="sm" kind="agent" online={agent.online} />
            <span class="visually-hidden">
              {agent.name}, {agent.online ? "online" : "offline"}
            </span>
          </li>
        ))}
      </ul>
      <span class="team-presence__count">{onlineCount.value} online</span>
    </section>
  );
}
