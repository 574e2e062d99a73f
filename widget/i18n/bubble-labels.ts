import type { Locale } from "./locales";

export interface BubbleLabels {
  openChat: string;
  closeChat: string;
  unread: string;
}

/** The few strings the loader needs before the panel (and its full string tables) loads. */
export const BUBBLE_LABELS: Record<Locale, BubbleLabels> = {
  en: { openChat: "Open chat", closeChat: "Close chat", unread: "{count} unread" },
  de: { openChat: "Chat öffnen", closeChat: "Chat schließen", unread: "{count} ungelesen" },
};
