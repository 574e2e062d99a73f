import { characters } from "@parley/protocol/text";
import { BackIcon, CloseIcon, ListIcon } from "../icons";
import { useWidget } from "../widget-context";

/**
 * The site's name and the truth about an answer (SPEC §12): trouble with the line first, then who
 * the visitor is talking to, when the team is back, and how soon a reply comes. The dot is green
 * only while a person is there: a line that is merely up is not "online".
 */
export function Header() {
  const { engine, t, site, availability, away, close } = useWidget();
  const { model, ui } = engine;
  const view = ui.view.value;
  const agent = model.agent.value;
  const { status } = engine.connection.value;
  const { available, agents_online } = availability;

  const subtitle =
    status !== "online"
      ? t(status)
      : agent
        ? t("chattingWith", { name: agent.name })
        : !available
          ? (away?.status() ?? t("replyLater"))
          : model.status.value === "waiting"
            ? t("waitingForAgent")
            : t(agents_online ? "replySoon" : "replyLater");
  const dot = status !== "online" ? status : agent || (available && agents_online) ? "online" : "away";
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
          <span class="dot" data-status={dot} aria-hidden="true" />
          {subtitle}
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
