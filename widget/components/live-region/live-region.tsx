import { useWidget } from "../widget-context";
import { messageText, senderName } from "../message-item/message-text";

/** Reads out each new message from the other side (SPEC §9), without moving focus. */
export function LiveRegion() {
  const { engine, t } = useWidget();
  const message = engine.incoming.value;
  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true">
      {message &&
        (message.sender_type === "system"
          ? messageText(message, t)
          : t("announce", { name: senderName(message, t), text: messageText(message, t) }))}
    </div>
  );
}
