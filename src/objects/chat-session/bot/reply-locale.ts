/**
 * The language the bot replies in (SPEC §4.4: the site's locale), among those it has texts for:
 * the widget's English, German and Arabic.
 */

import { foldedWords, wordSet } from "./words";

export const BOT_LOCALES = ["en", "de", "ar"] as const;
export type BotLocale = (typeof BOT_LOCALES)[number];

/** Common German words that are not English ones, to tell German from English text. */
const GERMAN_WORDS = wordSet("hallo danke bitte ich sie und ist nicht mit wie der das ein eine einen mochte gibt kann wo");

/**
 * The site's locale ("de", "de-AT") when the bot speaks it; for "auto", which follows each
 * visitor's browser in the widget, the language of what the visitor wrote; anything else English.
 *
 * @example replyLocale("auto", "Hallo, wo ist mein Paket?") // "de"
 */
export function replyLocale(siteLocale: string | null | undefined, text: string): BotLocale {
  const tag = (siteLocale ?? "").toLowerCase();
  const chosen = BOT_LOCALES.find((locale) => tag === locale || tag.startsWith(`${locale}-`));
  if (chosen) return chosen;
  if (tag !== "auto") return "en";
  if (/\p{Script=Arabic}/u.test(text)) return "ar";
  return /[äöüß]/iu.test(text) || foldedWords(text).some((word) => GERMAN_WORDS.has(word)) ? "de" : "en";
}
