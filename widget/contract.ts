import type { Escalation, IdentifyBody, Message, SessionInitResponse, Theme } from "@parley/protocol";
import type { StringOverrides } from "./i18n/en";
import type { Locale } from "./i18n/locales";

/** `new ParleyWidget({...})` (SPEC §8). Everything but `siteKey` falls back to the site's settings. */
export interface WidgetOptions {
  siteKey: string;
  /** Where the Parley server is; defaults to the origin widget.js was loaded from. */
  backendUrl?: string;
  theme?: Theme["mode"];
  position?: Theme["position"];
  autoOpen?: boolean;
  /** The site colour as `#rrggbb`. */
  color?: string;
  greeting?: string;
  /** `en`, `de`, or `auto` for the visitor's browser language. */
  locale?: string;
  /** First wait before reconnecting, in ms; later waits grow. */
  reconnectInterval?: number;
  /** How long after the last keystroke the visitor counts as no longer typing, in ms. */
  typingTimeout?: number;
  /** Replaces any of the widget's strings. */
  strings?: StringOverrides;
}

export type ResolvedOptions = WidgetOptions & Required<Pick<WidgetOptions, "backendUrl" | "autoOpen" | "reconnectInterval" | "typingTimeout">>;

export type VisitorUser = NonNullable<SessionInitResponse["user"]>;

export type Transport = "websocket" | "polling";

export interface ConnectionInfo {
  connected: boolean;
  transport: Transport | null;
}

/** Events of `Parley.on(event, fn)` and what each handler receives. */
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
  /**
   * The unread count for the bubble's badge, and the same in words for its label ("3 unread"): the
   * panel words it, since plural rules and string tables would not fit the loader's 4 KB.
   */
  setUnread(count: number, label: string): void;
}

/** The panel's model sees the host with a bare unread count; the panel adds the words. */
export type EngineHost = Omit<PanelHost, "setUnread"> & { setUnread(count: number): void };

/** What the panel chunk gives back to the loader. */
export interface PanelApi {
  setOpen(open: boolean): void;
  send(text: string): void;
  escalate(reason?: string): void;
  setUser(user: VisitorUser): void;
  destroy(): void;
}

export interface PanelModule {
  start(host: PanelHost): PanelApi;
}
