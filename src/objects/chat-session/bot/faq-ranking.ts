/**
 * Ranks a site's FAQs against what a visitor wrote (SPEC §4.4), deterministically and in work
 * bounded by `MAX_FAQS` × `MAX_WORDS`.
 *
 * Each term of the visitor's text weighs by how rare it is among this site's FAQs (an IDF scaled
 * to 0…1: a term in one FAQ weighs 1, one in every FAQ little), and a term no FAQ has weighs
 * `UNKNOWN_WEIGHT`, so words the bot does not know dilute a match without drowning it. A FAQ
 * scores the share of that weight it covers, a term counting most in its question, a little
 * less in its keywords and least in its answer, plus a small share for how much of its own
 * question the visitor asked about (so "shipping cost" prefers "What does shipping cost?" to
 * "What does express shipping cost to islands?"). The best FAQ is an answer only when it scores
 * `MIN_SCORE` and leads the runner-up by `MIN_MARGIN`: a question that fits two FAQs equally
 * gets no answer rather than a coin toss.
 */

import { foldedWords, termsOf } from "./words";

/** The fields of a FAQ the bot reads. */
export interface RankableFaq {
  id: string;
  question: string;
  answer: string;
  keywords: string;
}

export interface RankedFaq<T extends RankableFaq> {
  faq: T;
  /** 0…1. */
  score: number;
}

/** FAQs considered, in the site's order; a site with more is answered from its first ones. */
export const MAX_FAQS = 200;

/** Lowest score that counts as an answer. */
export const MIN_SCORE = 0.5;

/** How far the best FAQ must lead the runner-up. */
export const MIN_MARGIN = 0.08;

/** Weight of a visitor's term that no FAQ of the site has, against 1 for a term only one FAQ has. */
export const UNKNOWN_WEIGHT = 0.35;

/** How much a term counts by where the FAQ has it; the best place counts. */
const FIELD_WEIGHTS = [
  ["question", 1],
  ["keywords", 0.9],
  ["answer", 0.4],
] as const;

/** Share of the score that measures how much of the FAQ's own question was asked about. */
const FOCUS_SHARE = 0.2;

interface IndexedFaq<T> {
  faq: T;
  /** Term → its field weight in this FAQ. */
  weights: Map<string, number>;
  question: Set<string>;
}

const termsIn = (text: string): string[] => termsOf(foldedWords(text));

function indexed<T extends RankableFaq>(faq: T): IndexedFaq<T> {
  const weights = new Map<string, number>();
  for (const [field, weight] of FIELD_WEIGHTS) {
    for (const term of termsIn(faq[field])) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  }
  return { faq, weights, question: new Set(termsIn(faq.question)) };
}

/**
 * A site's FAQs read for ranking (their terms, where each FAQ has them, how many FAQs have each):
 * the part of the work that depends on the FAQs only, done once and reused for every message.
 */
export interface FaqIndex<T extends RankableFaq> {
  entries: IndexedFaq<T>[];
  frequency: Map<string, number>;
}

export function indexFaqs<T extends RankableFaq>(faqs: readonly T[]): FaqIndex<T> {
  const entries = faqs.slice(0, MAX_FAQS).map((faq) => indexed(faq));
  const frequency = new Map<string, number>();
  for (const { weights } of entries) for (const term of weights.keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  return { entries, frequency };
}

/**
 * Every FAQ with its score for the visitor's folded `words`, best first; equal scores keep the
 * site's order. Empty when the words hold no term at all. `faqs` may be indexed already.
 */
export function rankFaqs<T extends RankableFaq>(words: readonly string[], faqs: readonly T[] | FaqIndex<T>): RankedFaq<T>[] {
  const asked = new Set(termsOf(words));
  if (asked.size === 0) return [];
  const { entries: index, frequency } = "frequency" in faqs ? faqs : indexFaqs(faqs);
  const scale = Math.log(1 + index.length);
  const rarity = (term: string): number => {
    const count = frequency.get(term) ?? 0;
    return count === 0 ? UNKNOWN_WEIGHT : Math.log(1 + index.length / count) / scale;
  };

  let askedWeight = 0;
  for (const term of asked) askedWeight += rarity(term);
  const ranked = index.map(({ faq, weights, question }) => {
    let covered = 0;
    for (const term of asked) covered += rarity(term) * (weights.get(term) ?? 0);
    let questionWeight = 0;
    let questionAsked = 0;
    for (const term of question) {
      questionWeight += rarity(term);
      if (asked.has(term)) questionAsked += rarity(term);
    }
    const focus = questionWeight > 0 ? questionAsked / questionWeight : 0;
    return { faq, score: (1 - FOCUS_SHARE) * (covered / askedWeight) + FOCUS_SHARE * focus };
  });
  return ranked.sort((a, b) => b.score - a.score);
}

/** The FAQ that answers the words: the best ranked, if it is good enough and clearly ahead; else null. */
export function bestFaq<T extends RankableFaq>(ranked: readonly RankedFaq<T>[]): T | null {
  const [best, runnerUp] = ranked;
  if (!best || best.score < MIN_SCORE) return null;
  if (runnerUp && best.score - runnerUp.score < MIN_MARGIN) return null;
  return best.faq;
}
