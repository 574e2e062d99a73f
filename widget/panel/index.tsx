import { render } from "preact";
import type { AwayModule, PanelApi, PanelHost, RatingKit, RatingModule } from "../contract";
import { Panel } from "../components/panel/panel";
import { WidgetContext, type WidgetContextValue } from "../components/widget-context";
import { loadTranslator } from "../i18n";
import { styleSheet } from "../shared/style-sheet";
import { Engine } from "../state/engine";
import { showEngine, type ShownEngine } from "../state/shown-engine";
import { PANEL_CSS } from "./styles";

/** The panel, its context carrying the engine of the conversation on screen. */
function Root({ context, shown }: { context: WidgetContextValue; shown: ShownEngine }) {
  return (
    <WidgetContext.Provider value={{ ...context, engine: shown.current.value }}>
      <Panel />
    </WidgetContext.Provider>
  );
}

/**
 * Puts the widget back at the top of the top layer: what the page showed there since (a popover
 * banner, a fullscreen element) would otherwise cover the chat the visitor just opened. Not over
 * a modal dialog of the page: that keeps everything outside it inert, so the chat would look
 * usable there and not be; it stays below until the dialog closes.
 */
function raise(element: HTMLElement): void {
  if (typeof element.showPopover !== "function" || !element.matches(":popover-open") || document.querySelector(":modal")) return;
  element.hidePopover();
  element.showPopover();
}

/**
 * The lazily loaded chunk: the loader calls `start` on the first open (or first chat action).
 * From here on this tab takes part in the chat: it leads the socket or follows the tab that does.
 */
export async function start(host: PanelHost): Promise<PanelApi> {
  const { site, availability } = host.session();
  const [t, away] = await Promise.all([
    loadTranslator(host.locale, host.options.strings),
    // Without it the chat still works, as it does while the site is available.
    availability.available ? null : import("../away").then((module: AwayModule) => module.loadAway(host)).catch(() => null),
  ]);
  const engine = new Engine(host);
  const shown = showEngine(engine);
  const sheet = styleSheet(away ? PANEL_CSS + away.css : PANEL_CSS);
  // After the bubble's sheet, as the panel's `<style>` once followed the bubble's.
  host.shadow.adoptedStyleSheets = [...host.shadow.adoptedStyleSheets, sheet];

  let rating: Promise<RatingKit> | null = null;
  const context: WidgetContextValue = {
    engine,
    t,
    locale: host.locale,
    site,
    availability,
    away,
    greeting: host.options.greeting ?? site.greeting,
    rating: () =>
      (rating ??= import("../rating").then(
        (module: RatingModule) => module.loadRating(host),
        (error: unknown) => {
          rating = null;
          throw error;
        },
      )),
    close: host.requestClose,
  };
  render(<Root context={context} shown={shown} />, host.slot);

  return {
    setOpen: (open) => {
      engine.ui.open.value = open;
      if (open) raise(host.shadow.host as HTMLElement);
      else engine.ui.view.value = { name: "chat" };
    },
    send: (text) => {
      if (!engine.send(text)) console.warn(`Parley: a message must be well-formed text of 1 to ${engine.maxLength} characters`);
    },
    escalate: (reason) => engine.escalate(reason),
    setUser: (user) => {
      engine.ui.user.value = user;
    },
    destroy: () => {
      render(null, host.slot);
      host.shadow.adoptedStyleSheets = host.shadow.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
      shown.dispose();
      engine.dispose();
    },
  };
}
