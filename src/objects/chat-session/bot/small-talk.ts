/**
 * Greetings and thanks (SPEC §4.4): a message made only of them, polite filler and stop words
 * gets a short friendly reply instead of a FAQ search. One word about anything else ("hi, how
 * much is shipping?") makes it a question, and a negation ("thanks, but that didn't help") makes
 * it no small talk. Words are folded (see `foldedWords`).
 */

import { STOP_WORDS } from "./stop-words";
import { wordSet } from "./words";

export type SmallTalk = "greeting" | "thanks";

const GREETING_WORDS = wordSet(
  "hi hello hey heya hiya howdy yo greetings morning afternoon evening",
  "hallo moin servus gruss gott guten tag morgen abend gruezi",
  "مرحبا اهلا سلام عليكم هلا صباح مساء خير نور",
);

const THANKS_WORDS = wordSet("thanks thank thx ty tysm cheers appreciate appreciated thankyou", "danke dank dankeschon merci", "شكرا مشكور");

/** Words that go with a greeting or thanks without asking anything. */
export const POLITE_WORDS = wordSet(
  "you so much very lot lots many for the your help helped helpful that this it ok okay great perfect cool awesome nice",
  "again please pls plz kind good there everyone all team guys folks really",
  "vielen viel sehr schon fur die ihre ihnen hilfe super toll prima ok bitte alle zusammen team",
  "جزيلا لك لكم كثيرا",
);

const NEGATIONS = wordSet("not dont didnt doesnt isnt wasnt cant wont never", "nicht kein keine nie", "لا لم لن");

/** "greeting" or "thanks" when the folded `words` are nothing but that (thanks wins over both); else null. */
export function smallTalkOf(words: readonly string[]): SmallTalk | null {
  let greets = false;
  let thanks = false;
  for (const word of words) {
    if (NEGATIONS.has(word)) return null;
    if (THANKS_WORDS.has(word)) thanks = true;
    else if (GREETING_WORDS.has(word)) greets = true;
    else if (!POLITE_WORDS.has(word) && !STOP_WORDS.has(word)) return null;
  }
  return thanks ? "thanks" : greets ? "greeting" : null;
}
