import { dismissNotice, notices } from "../../state/notices";
import { Icon } from "../icon/Icon";
import "./notices.css";

/** The corner stack of notices; errors are announced at once, the rest politely. */
export function Notices() {
  return (
    <div class="notices" aria-live="polite">
      {notices.value.map((notice) => (
        <div key={notice.key} class={`notice notice--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          <Icon name={notice.tone === "error" ? "alert" : notice.tone === "request" ? "bell" : "message"} class="notice__icon" />
          <p class="notice__text">{notice.text}</p>
          {notice.action && (
            <button
              type="button"
              class="button notice__action"
              onClick={() => {
                notice.action?.run();
                dismissNotice(notice.key);
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button type="button" class="button button--quiet icon-button notice__close" aria-label="Dismiss" onClick={() => dismissNotice(notice.key)}>
            <Icon name="x" />
          </button>
        </div>
      ))}
    </div>
  );
}
