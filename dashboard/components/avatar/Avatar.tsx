import { hueOf, initials } from "../../lib/names";
import "./avatar.css";

/** Initials on a colour derived from the person's id; `online` adds a presence dot. */
export function Avatar(props: { id: string; name: string; size?: "sm" | "md" | "lg"; online?: boolean; kind?: "visitor" | "agent" | "bot" }) {
  const hue = hueOf(props.id);
  const size = props.size ?? "md";
  return (
    <span
      class={`avatar avatar--${size} avatar--${props.kind ?? "visitor"}`}
      style={{ "--avatar-hue": String(hue) }}
      aria-hidden="true"
    >
      {props.kind === "bot" ? "AI" : initials(props.name)}
      {props.online !== undefined && <span class={`avatar__dot${props.online ? " avatar__dot--on" : ""}`} />}
    </span>
  );
}
