import { useEffect, useRef } from "preact/hooks";
import { useFocusTrap } from "../../lib/use-focus-trap";
import { useMediaQuery } from "../../lib/use-media-query";
import { useScrollLock } from "../../lib/use-scroll-lock";
import { ChatView } from "../chat-view/chat-view";
import { ConversationList } from "../conversation-list/conversation-list";
import { Header } from "../header/header";
import { LiveRegion } from "../live-region/live-region";
import { useWidget } from "../widget-context";

/** Where panel.css makes the panel cover the whole screen (keep the two in step). */
const COVERS_PAGE = "(max-width: 480px)";

/**
 * The open chat: a dialog that closes on Escape and starts in its first field, the composer or the
 * away form's address (on touch screens in the dialog itself, so the keyboard does not jump up at
 * once). It is modal, keeping keyboard focus inside and the page behind still, only while it
 * covers the page; beside a page that stays usable Tab may leave it and the page scrolls.
 */
export function Panel() {
  const { engine, t, site, close } = useWidget();
  const { ui } = engine;
  const dialog = useRef<HTMLElement>(null);
  const open = ui.open.value;
  const view = ui.view.value;
  const { status, transport } = engine.connection.value;
  const modal = useMediaQuery(COVERS_PAGE);
  useFocusTrap(dialog, open && modal);
  useScrollLock(open && modal);

  useEffect(() => {
    const element = dialog.current;
    if (!open || !element) return;
    // By id: the rating prompt's stars and comment come before the composer.
    const field = element.querySelector<HTMLElement>("#parley-input, #parley-away-email");
    if (field && !matchMedia("(pointer: coarse)").matches) field.focus();
    else element.focus();
  }, [open]);

  return (
    <section
      ref={dialog}
      class="panel"
      role="dialog"
      aria-modal={modal ? "true" : undefined}
      aria-label={t("dialogLabel", { site: site.name })}
      tabIndex={-1}
      data-connection={status}
      data-transport={transport ?? "none"}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        close();
      }}
    >
      <Header />
      {view.name === "chat" && <ChatView key={engine.conversationId} />}
      {view.name === "conversations" && <ConversationList />}
      <LiveRegion />
    </section>
  );
}
