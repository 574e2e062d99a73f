import type { Escalation, IdentifyBody, Message, SessionInitResponse, Theme, UnreadReplies } from "@parley/protocol";
import type { FunctionComponent } from "preact";
import type { StringOverrides } from "./i18n/en";
import type { Locale } from "./i18n/locales";

/** `new ParleyWidget({...})` (SPEC §8). Everything but `siteKey` falls back to the site's settings. */
export interface WidgetOptions {
  siteKey: string;
  /** Where the Parley server is; defaults to the origin widget.js was loaded from. */
  backendUrl?: string;
  theme?: Theme["mode"];
  /** The corner of the bubble: "right" is the end side of the widget's language, left in Arabic. */
  position?: Theme["position"];
  autoOpen?: boolean;
  /** The site colour as `#rrggbb`. */
  color?: string;
  greeting?: string;
  /** `en`, `de`, `ar` (right to left), or `auto` for the visitor's browser language. */
  locale?: string;
  /** First wait before reconnecting, in ms; later waits grow. */
  reconnectInterval?: number;
  /** How long after the last keystroke the visitor counts as no longer typing, in ms. */
  typingTimeout?: number;
  /** Replaces any of the widget's strings. */
  strings?: StringOverrides;
}

/** The options with the server's address filled in; each other default is applied where it is used. */
export type ResolvedOptions = WidgetOptions & Required<Pick<WidgetOptions, "backendUrl">>;

export type VisitorUser = NonNullable<SessionInitResponse["user"]>;

export type Transport = "websocket" | "polling";

export interface ConnectionInfo {
  connected: boolean;
  transport: Transport | null;
}

/**
 * Events of `Parley.on(event, fn)` and what each handler receives. `ready` fires once the bubble is
 * drawn; on a page view where the site hides the widget while away (SPEC §12) nothing is drawn, so
 * no event fires and every command is ignored.
 */
export interface WidgetEvents {
  ready: { session_id: string; visitor_id: string };
  open: undefined;
  close: undefined;
  message: Message;
  escalation: Escalation;
  connection: ConnectionInfo;
}
export type WidgetEventName = keyof WidgetEvents;

export type IdentifyInput = IdentifyBody;

/** What the loader hands the lazily loaded panel. */
export interface PanelHost {
  options: ResolvedOptions;
  locale: Locale;
  /** The shadow root the loader drew the bubble in, and the element the panel renders into. */
  shadow: ShadowRoot;
  slot: HTMLElement;
  session(): SessionInitResponse;
  /** Session init again: a fresh visitor token once the old one expired. */
  refreshSession(): Promise<SessionInitResponse>;
  emit<E extends WidgetEventName>(event: E, data: WidgetEvents[E]): void;
  /** The visitor closed the panel from inside it (close button, Escape). */
  requestClose(): void;
  /** The visitor opened the chat from outside the panel (the unread preview). */
  requestOpen(): void;
  /** The replies the visitor has not read, as the panel's model knows them, for the bubble. */
  setUnread(unread: UnreadReplies): void;
}

/** What the panel chunk gives back to the loader. */
export interface PanelApi {
  setOpen(open: boolean): void;
  send(text: string): void;
  escalate(reason?: string): void;
  setUser(user: VisitorUser): void;
  destroy(): void;
}

export interface PanelModule {
  start(host: PanelHost): Promise<PanelApi>;
}

/** The bubble as the preview chunk draws on it: its root and button, and the unread words of its label. */
export interface PreviewBubble {
  readonly root: HTMLElement;
  readonly shadow: ShadowRoot;
  readonly button: HTMLButtonElement;
  setUnread(label: string): void;
}

/**
 * The chunk that shows unread replies on the bubble: loaded only once there are some (from session
 * init, the panel or another tab). `startPreview` returns what shows each new state.
 */
export interface PreviewModule {
  startPreview(host: PanelHost, bubble: PreviewBubble): Promise<(unread: UnreadReplies) => void>;
}

export interface IdentityModule {
  identify(host: PanelHost, user: IdentifyInput): Promise<VisitorUser>;
}

/**
 * What the widget shows only while the site is unavailable (SPEC §12), from its own chunk: the
 * header's words ("Back at 9:00") and the card with the away message and the leave-a-message form.
 */
export interface AwayKit {
  /** The header's subtitle while away, worded at the moment it is called. */
  status(): string;
  /** The card's styles, added to the panel's stylesheet. */
  css: string;
  /** `form`: the visitor may leave a message (nobody waits for or talks to them); else only a confirmation shows. */
  Card: FunctionComponent<{ form: boolean }>;
}

export interface AwayModule {
  loadAway(host: PanelHost): Promise<AwayKit>;
}

/**
 * The satisfaction prompt (SPEC §11), from its own chunk: fetched the first time a closed
 * conversation is on screen, its styles adopted as it loads.
 */
export interface RatingKit {
  /** The prompt, then its thank-you, as the log's last item; nothing once this closing was rated or dismissed. */
  Card: FunctionComponent;
}

export interface RatingModule {
  loadRating(host: PanelHost): Promise<RatingKit>;
}
