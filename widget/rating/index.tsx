import type { PanelHost, RatingKit } from "../contract";
import { translator } from "../i18n";
import type { Locale } from "../i18n/locales";
import { ratingEn, type RatingStrings } from "../i18n/rating-en";
import { styleSheet } from "../shared/style-sheet";
import RATING_CSS from "./rating.css?inline";
import { RatingCard } from "./rating-card";

/** The rating strings besides English, each fetched only by a widget in that locale (as the panel's are). */
const OTHER_TABLES: Record<Exclude<Locale, "en">, () => Promise<RatingStrings>> = {
  de: () => import("../i18n/rating-de").then((module) => module.ratingDe),
  ar: () => import("../i18n/rating-ar").then((module) => module.ratingAr),
};

/**
 * The chunk the panel loads the first time a closed conversation is on screen (SPEC §11): most
 * visitors never see a conversation closed, so the panel does not carry the prompt.
 */
export async function loadRating(host: PanelHost): Promise<RatingKit> {
  const { locale, options } = host;
  const t = translator(locale === "en" ? ratingEn : await OTHER_TABLES[locale](), locale, options.strings);
  // After the panel's sheet, as the preview chunk adds its own after the bubble's.
  host.shadow.adoptedStyleSheets = [...host.shadow.adoptedStyleSheets, styleSheet(RATING_CSS)];
  return { Card: () => <RatingCard t={t} siteKey={options.siteKey} /> };
}
