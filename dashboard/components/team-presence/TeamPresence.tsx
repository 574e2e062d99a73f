import { presenceOf, team } from "../../state/team";
import { Avatar } from "../avatar/Avatar";
import "./team-presence.css";

/** Who else has the dashboard open: colleagues' avatars with presence dots, online first, then away. */
export function TeamPresence({ meId }: { meId: string }) {
  if (team.value.length === 0) return null;
  // The agent knows they are here; the count says who else is.
  const colleagues = team.value.filter((agent) => agent.id !== meId);
  const online = colleagues.filter((agent) => presenceOf(agent) === "online").length;
  const away = colleagues.filter((agent) => presenceOf(agent) === "away").length;
  return (
    <section class="team-presence" aria-label="Team">
      <ul class="team-presence__list">
        {colleagues.map((agent) => {
          const presence = presenceOf(agent);
          return (
            <li key={agent.id} class="team-presence__member" title={`${agent.name} · ${presence}`}>
              <Avatar id={agent.id} name={agent.name} size="sm" kind="agent" presence={presence} />
              <span class="visually-hidden">
                {agent.name}, {presence}
              </span>
            </li>
          );
        })}
      </ul>
      <span class="team-presence__count">
        {online > 0 ? `${online} online` : "No one else online"}
        {away > 0 && <span class="team-presence__away"> · {away} away</span>}
      </span>
    </section>
  );
}
