import type { Locale } from "./locales";

export interface BubbleLabels {
  openChat: string;
  closeChat: string;
}

/** The few strings the bubble needs before the panel (and its full string tables) loads. */
export const BUBBLE_LABELS: Record<Locale, BubbleLabels> = {
  en: { openChat: "Open chat", closeChat: "Close chat" },
  de: { openChat: "Chat öffnen", closeChat: "Chat schließen" },
  ar: { openChat: "فتح المحادثة", closeChat: "إغلاق المحادثة" },
};
