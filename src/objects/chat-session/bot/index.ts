/**
 * The FAQ bot (SPEC §4.4): what it makes of a visitor's free text while a support session is
 * with it, and what it says back.
 */

import { bestFaq, rankFaqs, type FaqIndex, type RankableFaq } from "./faq-ranking";
import { asksForHuman } from "./human-request";
import type { BotReply } from "./replies";
import { smallTalkOf } from "./small-talk";
import { foldedWords } from "./words";

export { botReplyDraft, type BotReply } from "./replies";
export { replyLocale, type BotLocale } from "./reply-locale";
export { indexFaqs, type FaqIndex, type RankableFaq } from "./faq-ranking";

/** The bot's reading of a message: a reply of its own, or a request for a human (escalate). */
export type BotVerdict<T extends RankableFaq> = BotReply<T> | { kind: "human" };

/**
 * Reads `text` against the site's `faqs` (or their `indexFaqs`), in this order: a request for a human in words; a
 * greeting or thanks and nothing else; the FAQ that answers it; else no match.
 *
 * @example understand("how much is shipping?", faqs) // { kind: "answer", faq: <"What does shipping cost?"> }
 */
export function understand<T extends RankableFaq>(text: string, faqs: readonly T[] | FaqIndex<T>): BotVerdict<T> {
  const words = foldedWords(text);
  if (asksForHuman(words)) return { kind: "human" };
  const talk = smallTalkOf(words);
  if (talk) return { kind: talk };
  const faq = bestFaq(rankFaqs(words, faqs));
  return faq ? { kind: "answer", faq } : { kind: "no_match" };
}
