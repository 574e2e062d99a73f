import type { Availability, SitePublic } from "@parley/protocol";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { AwayKit, RatingKit } from "../contract";
import type { Translate } from "../i18n";
import type { Locale } from "../i18n/locales";
import type { Engine } from "../state/engine";

export interface WidgetContextValue {
  engine: Engine;
  t: Translate;
  locale: Locale;
  site: SitePublic;
  /** SPEC §12, as session init told it on this page view. */
  availability: Availability;
  /** Loaded when the site is unavailable; null otherwise, or when its chunk could not load. */
  away: AwayKit | null;
  greeting: string;
  /** The rating prompt's chunk, fetched on the first call; a failed fetch is tried again at the next. */
  rating(): Promise<RatingKit>;
  close(): void;
}

export const WidgetContext = createContext<WidgetContextValue | null>(null);

export function useWidget(): WidgetContextValue {
  const value = useContext(WidgetContext);
  if (!value) throw new Error("Parley components render inside WidgetContext");
  return value;
}
