import type { ConversationSummary } from "@parley/protocol";
import { useEffect, useState } from "preact/hooks";
import type { Translate } from "../../i18n";
import { formatDay } from "../../lib/format-time";
import { ChevronIcon } from "../icons";
import { useWidget } from "../widget-context";

type Loaded = { items: ConversationSummary[] } | { failed: true } | null;

function statusLabel(conversation: ConversationSummary, t: Translate): string {
  switch (conversation.status) {
    case "waiting":
      return t("statusWaiting");
    case "assigned":
      return t("statusAssigned", { name: conversation.agent?.name ?? "" });
    case "closed":
      return t("statusClosed");
    default:
      return t("statusBot");
  }
}

/** An identified visitor's conversations from every browser they used (SPEC §4.9). */
export function ConversationList() {
  const { engine, t, locale } = useWidget();
  const { ui } = engine;
  const currentId = engine.conversationId;
  const userId = ui.user.value?.id;
  const [loaded, setLoaded] = useState<Loaded>(null);

  useEffect(() => {
    if (!userId) return;
    let live = true;
    engine.api.conversations(userId).then(
      (response) => live && setLoaded({ items: response.conversations }),
      () => live && setLoaded({ failed: true }),
    );
    return () => {
      live = false;
    };
  }, [engine, userId]);

  // Another browser's conversation opens as it would there: to continue, or to reopen once closed.
  const open = ({ id }: ConversationSummary): void => {
    ui.view.value = id === currentId ? { name: "chat" } : { name: "chat", conversationId: id };
  };
  return (
    <div class="scroller">
      <h3 class="list-title">{t("conversations")}</h3>
      {loaded === null && <p class="note">{t("loading")}</p>}
      {loaded && "failed" in loaded && <p class="note">{t("loadFailed")}</p>}
      {loaded && "items" in loaded && loaded.items.length === 0 && <p class="note">{t("noConversations")}</p>}
      {loaded && "items" in loaded && (
        <ul class="conversations">
          {loaded.items.map((conversation) => (
            <li key={conversation.id}>
              <button type="button" class="conversation" onClick={() => open(conversation)}>
                <span class="conversation-text">
                  <span class="preview" dir="auto">{conversation.last_message ?? t("noMessagesYet")}</span>
                  <span class="when">
                    {formatDay(conversation.last_message_at ?? conversation.updated_at, locale)} · {statusLabel(conversation, t)}
                    {conversation.id === currentId && <strong> · {t("current")}</strong>}
                  </span>
                </span>
                <ChevronIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
