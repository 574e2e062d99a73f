import type { OutboxItem } from "../../state/outbox";
import { useWidget } from "../widget-context";

/** A message on its way: the visitor's words, marked until the server's echo replaces them. */
export function PendingItem({ item }: { item: OutboxItem }) {
  const { engine, t } = useWidget();
  return (
    <li class={`msg me first ${item.failed ? "failed" : "pending"}`} data-pending={item.client_msg_id}>
      <p class="bubble">
        <span class="sr-only">{t("you")}: </span>
        <span class="text" dir="auto">{item.content}</span>
      </p>
      <p class="meta">
        {item.failed ? (
          <>
            {t("notSent")} ·{" "}
            <button type="button" class="link" onClick={() => engine.retry(item.client_msg_id)}>
              {t("retry")}
            </button>{" "}
            ·{" "}
            <button type="button" class="link" onClick={() => engine.remove(item.client_msg_id)}>
              {t("remove")}
            </button>
          </>
        ) : (
          t("sending")
        )}
      </p>
    </li>
  );
}
