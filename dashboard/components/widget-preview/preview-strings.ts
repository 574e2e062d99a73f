import { ar } from "../../../widget/i18n/ar";
import { awayAr } from "../../../widget/i18n/away-ar";
import { awayDe } from "../../../widget/i18n/away-de";
import { awayEn } from "../../../widget/i18n/away-en";
import { de } from "../../../widget/i18n/de";
import { en } from "../../../widget/i18n/en";
import { dirOf, pickLocale } from "../../../widget/i18n/locales";

/**
 * The widget's own words for what the preview draws, from its string tables (plain data, in the
 * settings chunk only), so a German or Arabic site is previewed in German or Arabic, right to
 * left. "auto" follows this browser's language, as the widget follows the visitor's.
 */
const TABLES = { en: { ...en, ...awayEn }, de: { ...de, ...awayDe }, ar: { ...ar, ...awayAr } };

export function previewStrings(requested: string) {
  const locale = pickLocale(requested);
  const table = TABLES[locale];
  return {
    dir: dirOf(locale),
    replySoon: table.replySoon,
    awayNow: table.awayNow,
    awayDefault: table.awayDefault,
    awayTitle: table.awayTitle,
    email: table.emailLabel,
    message: table.awayMessageLabel,
    leaveMessage: table.leaveMessage,
    faqTitle: table.faqTitle,
    talkToHuman: table.talkToHuman,
    placeholder: table.placeholder,
    poweredBy: table.poweredBy,
  };
}
