import type { SessionInitResponse, UnreadReplies } from "@parley/protocol";
import type {
  IdentifyInput,
  PanelApi,
  PanelHost,
  IdentityModule,
  PanelModule,
  PreviewModule,
  ResolvedOptions,
  WidgetEventName,
  WidgetEvents,
  WidgetOptions,
} from "../contract";
import { BUBBLE_LABELS } from "../i18n/bubble-labels";
import { dirOf, pickLocale, type Locale } from "../i18n/locales";
import { outboxKey, tabChannelName } from "../shared/keys";
import { readStored } from "../shared/storage";
import { Bubble } from "./bubble";
import { Emitter } from "./emitter";
import { resolveOptions } from "./options";
import { chunkUrl } from "./script";
import { SessionKeeper } from "./session";
import { applyTheme, isHexColor } from "./theme";

/**
 * One chat widget: the bubble, the session, the JS API (SPEC §8). The panel, its socket and
 * everything heavy load on the first open or the first chat action.
 */
export class ParleyWidget {
  readonly #options: ResolvedOptions;
  readonly #events = new Emitter<WidgetEvents>();
  readonly #session: SessionKeeper;
  readonly #ready: Promise<SessionInitResponse>;
  #bubble: Bubble | null = null;
  #panel: Promise<PanelApi> | null = null;
  #preview: Promise<(unread: UnreadReplies) => void> | null = null;
  #opened = false;
  /** What the visitor sees; `open`/`close` fire when this changes, so never before `ready`. */
  #shown = false;
  #connected = false;
  #locale: Locale = "en";

  constructor(options: WidgetOptions) {
    if (!options?.siteKey) throw new Error("Parley: siteKey is required");
    this.#options = resolveOptions(options);
    this.#session = new SessionKeeper(this.#options);
    this.#ready = this.#session.refresh().then((session) => this.#show(session));
    this.#ready.catch((error: Error) => console.error("Parley could not start:", error.message));
  }

  get isConnected(): boolean {
    return this.#connected;
  }

  openChat(): void {
    this.#setOpen(true);
  }

  closeChat(): void {
    this.#setOpen(false);
  }

  toggleChat(): void {
    this.#setOpen(!this.#opened);
  }

  /** Sends as the visitor. The message waits in the outbox until the server has it. */
  sendMessage(text: string): void {
    void this.#withPanel((panel) => panel.send(String(text)));
  }

  escalateConversation(reason?: string): void {
    void this.#withPanel((panel) => panel.escalate(reason));
  }

  /** Links the visitor to the embedder's user; `user_hash` is HMAC-SHA256(identity secret, user_id). */
  async identify(user: IdentifyInput): Promise<void> {
    await this.#ready;
    const { identify } = (await import(/* @vite-ignore */ chunkUrl("identity"))) as IdentityModule;
    const verified = await identify(this.#panelHost(this.#bubble!), user);
    void this.#panel?.then((panel) => panel.setUser(verified));
  }

  on<E extends WidgetEventName>(event: E, handler: (data: WidgetEvents[E]) => void): void {
    this.#events.on(event, handler);
  }

  off<E extends WidgetEventName>(event: E, handler: (data: WidgetEvents[E]) => void): void {
    this.#events.off(event, handler);
  }

  /** Removes the widget from the page (single-page apps leaving a route). */
  destroy(): void {
    void this.#panel?.then((panel) => panel.destroy());
    this.#bubble?.remove();
  }

  /**
   * Draws the bubble and resolves `ready`. While the site is away with `when_away: "hide"` (SPEC
   * §12) it draws nothing and `ready` never resolves, so no chunk is fetched, no socket opened and
   * no event fired on this page view: every command waits for a chat that does not come.
   */
  #show(session: SessionInitResponse): SessionInitResponse | Promise<never> {
    if (session.availability.hidden) return new Promise(() => {});
    const options = this.#options;
    const site = session.site;
    const locale = (this.#locale = pickLocale(options.locale ?? site.locale));
    this.#bubble = new Bubble({ ...BUBBLE_LABELS[locale], ...options.strings }, () => this.toggleChat());
    // The widget speaks its own language and direction, never the page's (SPEC §9).
    Object.assign(this.#bubble.root, { lang: locale, dir: dirOf(locale) });
    applyTheme(this.#bubble.root, {
      color: isHexColor(options.color) ? options.color : site.theme.color,
      mode: options.theme ?? site.theme.mode,
      position: options.position ?? site.theme.position,
    });
    this.#events.emit("ready", { session_id: session.session_id, visitor_id: session.visitor_id });
    if (options.autoOpen) this.#opened = true;
    this.#render();
    this.#showUnread(session.unread);
    // A tab with the panel tells the others of new and read replies (SPEC §9: every tab).
    new BroadcastChannel(tabChannelName(options.siteKey)).onmessage = ({ data }) => data.t == "unread" && this.#showUnread(data.unread);
    // Messages an earlier page view could not deliver go out now, without opening the panel.
    if (readStored<unknown[]>(outboxKey(options.siteKey, session.session_id))?.length) void this.#withPanel(() => {});
    return session;
  }

  #setOpen(open: boolean): void {
    if (open === this.#opened) return;
    this.#opened = open;
    this.#render();
  }

  #render(): void {
    const bubble = this.#bubble;
    if (!bubble) return;
    const open = this.#opened;
    if (open === this.#shown) return;
    this.#shown = open;
    this.#events.emit(open ? "open" : "close", undefined);
    // Focus goes back to the bubble only when it was in the widget, never away from the host page.
    const returnFocus = !open && bubble.hasFocus();
    bubble.setOpen(open);
    if (returnFocus) bubble.button.focus();
    if (open) void this.#withPanel((panel) => panel.setOpen(this.#opened));
    else void this.#panel?.then((panel) => panel.setOpen(false));
  }

  /** The badge and preview, drawn by their own chunk, loaded only once there are replies to show. */
  #showUnread(unread: UnreadReplies): void {
    if (unread.count || this.#preview)
      (this.#preview ??= import(/* @vite-ignore */ chunkUrl("preview")).then((module: PreviewModule) => module.startPreview(this.#panelHost(this.#bubble!), this.#bubble!)))
        .then((show) => show(unread), console.error);
  }

  #withPanel(use: (panel: PanelApi) => void): Promise<void> {
    return this.#loadPanel().then(use, (error: Error) => {
      console.error("Parley could not load the chat:", error.message);
      this.#panel = null;
      this.#setOpen(false);
    });
  }

  #loadPanel(): Promise<PanelApi> {
    this.#panel ??= this.#ready.then(async () => {
      const module = (await import(/* @vite-ignore */ chunkUrl("panel"))) as PanelModule;
      return module.start(this.#panelHost(this.#bubble!));
    });
    return this.#panel;
  }

  #panelHost(bubble: Bubble): PanelHost {
    return {
      options: this.#options,
      locale: this.#locale,
      shadow: bubble.shadow,
      slot: bubble.slot,
      session: () => this.#session.value,
      refreshSession: () => this.#session.refresh(),
      emit: (event, data) => {
        if (event === "connection") this.#connected = (data as WidgetEvents["connection"]).connected;
        this.#events.emit(event, data);
      },
      requestClose: () => this.#setOpen(false),
      requestOpen: () => this.#setOpen(true),
      setUnread: (unread) => this.#showUnread(unread),
    };
  }
}
