/**
 * How the FAQ bot reads text (SPEC §4.4): the visitor's words and the site's FAQs go through the
 * same folding, so case, punctuation, accents and simple plurals never decide a match.
 */

import { STOP_WORDS } from "./stop-words";
import { SYNONYMS } from "./synonyms";

/** Words read per text: a message has at most 1000 code points, but a FAQ's answer may be longer. */
export const MAX_WORDS = 300;

/** Arabic letter variants that people type interchangeably (ta marbuta, alif maqsura). */
const ARABIC_VARIANTS: Record<string, string> = { "ة": "ه", "ى": "ي" };

/** The Arabic article and its fused forms; one-letter prefixes are left alone, they start too many words. */
const ARABIC_ARTICLE = /^(?:وال|بال|فال|كال|لل|ال)(?=\p{L}{3})/u;

/**
 * Splits text into folded words, in order: lower case, without accents or Arabic vowel marks,
 * ß as "ss", apostrophes dropped inside words ("don't" → "dont"), the Arabic article taken off.
 * At most `MAX_WORDS` words. Stop words are kept: greetings and requests for a human need them.
 *
 * @example foldedWords("Rücksendung? Don't!") // ["rucksendung", "dont"]
 */
export function foldedWords(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[ةى]/g, (letter) => ARABIC_VARIANTS[letter] ?? letter)
    .replace(/\u0640/g, "")
    .replace(/(?<=\p{L})['’ʼ`](?=\p{L})/gu, "");
  const words: string[] = [];
  for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (word === "") continue;
    words.push(word.replace(ARABIC_ARTICLE, ""));
    if (words.length === MAX_WORDS) break;
  }
  return words;
}

/** A set of folded words from space-separated lists, one list per language. */
export function wordSet(...lists: string[]): ReadonlySet<string> {
  return new Set(lists.join(" ").split(" "));
}

/**
 * The singular of a simple English plural ("policies" → "policy", "boxes" → "box", "returns" →
 * "return") and of German "-ungen" ("Rücksendungen" → "rucksendung"); other words unchanged.
 * Wrong guesses are harmless as long as both sides of a match make the same one.
 */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  if (word.length > 7 && word.endsWith("ungen")) return word.slice(0, -2);
  return word;
}

/**
 * The terms a text is matched on: its folded words without stop words and one-letter words, in
 * singular, each replaced by its synonym group ("cost" and "much" both become "price"; a German
 * compound may stand for two). Repeats are kept; the ranking counts each term once.
 */
export function termsOf(words: readonly string[]): string[] {
  const terms: string[] = [];
  for (const word of words) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    const one = singular(word);
    if (STOP_WORDS.has(one)) continue;
    terms.push(...(SYNONYMS.get(word) ?? SYNONYMS.get(one) ?? [one]));
  }
  return terms;
}
