import type { AwayKit, PanelHost } from "../contract";
import { translator } from "../i18n";
import { awayEn, type AwayStrings } from "../i18n/away-en";
import type { Locale } from "../i18n/locales";
import AWAY_CSS from "./away.css?inline";
import { AwayCard } from "./away-card";
import { openingWords } from "./opening-words";

/** The away strings besides English, each fetched only by a widget in that locale (as the panel's are). */
const OTHER_TABLES: Record<Exclude<Locale, "en">, () => Promise<AwayStrings>> = {
  de: () => import("../i18n/away-de").then((module) => module.awayDe),
  ar: () => import("../i18n/away-ar").then((module) => module.awayAr),
};

/**
 * The chunk the panel loads when session init says the site is unavailable (SPEC §12), before it
 * first renders, so neither the header nor the form changes under the visitor's eyes.
 */
export async function loadAway(host: PanelHost): Promise<AwayKit> {
  const { locale } = host;
  const t = translator(locale === "en" ? awayEn : await OTHER_TABLES[locale](), locale, host.options.strings);
  const nextOpenAt = host.session().availability.next_open_at;
  return {
    status: () => openingWords(nextOpenAt, locale, t),
    css: AWAY_CSS,
    Card: ({ form }) => <AwayCard t={t} form={form} />,
  };
}
