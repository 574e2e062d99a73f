import { characters } from "@parley/protocol/text";
import type { Strings } from "../../i18n";
import { BackIcon, CloseIcon, ListIcon } from "../icons";
import { useWidget } from "../widget-context";

/** The site's name, who the visitor is talking to and whether the line is up. */
export function Header() {
  const { engine, t, site, close } = useWidget();
  const { model, ui } = engine;
  const view = ui.view.value;
  const agent = model.agent.value;
  const { status } = engine.connection.value;

  const subtitle: keyof Strings | null = status !== "online" ? status : agent ? null : model.status.value === "waiting" ? "waitingForAgent" : "online";
  const own = view.name === "chat" && !view.conversationId;
  const back = (): void => {
    ui.view.value = view.name === "conversations" ? { name: "chat" } : { name: "conversations" };
  };
  return (
    <header class="head">
      {own ? (
        <span class="avatar" aria-hidden="true">
          {/* The first character as read, whole: an emoji is two UTF-16 units, a flag two code points. */}
          {characters((agent?.name ?? site.name).trim())[0]?.toUpperCase()}
        </span>
      ) : (
        <button type="button" class="icon-button" aria-label={t("back")} onClick={back}>
          <BackIcon />
        </button>
      )}
      <div class="titles">
        <h2 class="title">{site.name}</h2>
        <p class="subtitle">
          <span class="dot" data-status={status} aria-hidden="true" />
          {subtitle ? t(subtitle) : t("chattingWith", { name: agent?.name ?? "" })}
        </p>
      </div>
      {ui.user.value && own && (
        <button type="button" class="icon-button" aria-label={t("conversations")} onClick={() => (ui.view.value = { name: "conversations" })}>
          <ListIcon />
        </button>
      )}
      <button type="button" class="icon-button" aria-label={t("closeChat")} onClick={close}>
        <CloseIcon />
      </button>
    </header>
  );
}
