import { hueOf, initials } from "../../lib/names";
import { Icon } from "../icon/Icon";
import type { Presence } from "../../state/team";
import "./avatar.css";

/**
 * Initials on a colour derived from the person's id (a team group: people, on its own colour);
 * `presence` adds a dot: green, amber (away) or grey.
 */
export function Avatar(props: { id: string; name: string; size?: "sm" | "md" | "lg"; presence?: Presence; kind?: "visitor" | "agent" | "bot" | "group" }) {
  const hue = hueOf(props.id);
  const size = props.size ?? "md";
  return (
    <span
      class={`avatar avatar--${size} avatar--${props.kind ?? "visitor"}`}
      style={{ "--avatar-hue": String(hue) }}
      aria-hidden="true"
    >
      {props.kind === "bot" ? "AI" : props.kind === "group" ? <Icon name="users" size={size === "sm" ? 14 : 18} /> : initials(props.name)}
      {props.presence !== undefined && <span class={`avatar__dot avatar__dot--${props.presence}`} />}
    </span>
  );
}
