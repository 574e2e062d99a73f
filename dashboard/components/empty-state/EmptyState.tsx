import type { ComponentChildren } from "preact";
import { Icon, type IconName } from "../icon/Icon";
import "./empty-state.css";

export function EmptyState(props: { icon: IconName; title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <span class="empty-state__icon">
        <Icon name={props.icon} size={22} />
      </span>
      <p class="empty-state__title">{props.title}</p>
      {props.children && <div class="empty-state__body">{props.children}</div>}
    </div>
  );
}
