import { describe, expect, it } from "vitest";
import { replyLocale, understand } from "../../src/objects/chat-session/bot";
import { bestFaq, MIN_MARGIN, MIN_SCORE, rankFaqs } from "../../src/objects/chat-session/bot/faq-ranking";
import { foldedWords, termsOf } from "../../src/objects/chat-session/bot/words";
import { GERMAN_SHOP_FAQS, GERMAN_SHOP_ROWS, SHOP_FAQS, SHOP_ROWS, type Expected, type ShopFaq } from "./bot-faqs";

/** The verdict in the tables' notation. */
function verdictOf(text: string, faqs: readonly ShopFaq[]): Expected {
  const verdict = understand(text, faqs);
  if (verdict.kind === "answer") return `answer:${verdict.faq.id}`;
  return verdict.kind === "human" ? "escalate" : verdict.kind;
}

const ranked = (text: string) => rankFaqs(foldedWords(text), SHOP_FAQS);

describe("how the bot reads text", () => {
  it.each([
    ["Rücksendung? Don't!", ["rucksendung", "dont"]],
    ["ÉCHANGE, Straße", ["echange", "strasse"]],
    ["shipping—cost…", ["shipping", "cost"]],
    ["الشحن", ["شحن"]],
    ["مرحبًا", ["مرحبا"]],
  ])("folds %j into %j", (text, words) => {
    expect(foldedWords(text)).toEqual(words);
  });

  it.each([
    ["How much does shipping cost?", ["price", "shipping", "price"]],
    ["Return policies", ["return", "policy"]],
    ["refunds for boxes", ["return", "box"]],
    ["Which countries?", ["international"]],
    ["Zahlungsarten", ["payment", "method"]],
    ["the and of is a", []],
  ])("finds the terms of %j: %j", (text, terms) => {
    expect(termsOf(foldedWords(text))).toEqual(terms);
  });
});

describe("what the bot makes of a message (the tables of test/worker/bot-faqs.ts)", () => {
  it.each(SHOP_ROWS)("English shop: %j → %s", (text, expected) => {
    expect(verdictOf(text, SHOP_FAQS)).toBe(expected);
  });

  it.each(GERMAN_SHOP_ROWS)("German shop: %j → %s", (text, expected) => {
    expect(verdictOf(text, GERMAN_SHOP_FAQS)).toBe(expected);
  });

  it("answers only a clear winner: above the threshold and ahead of the runner-up", () => {
    const [best, runnerUp] = ranked("how much is shipping?");
    expect(best!.faq.id).toBe("cost");
    expect(best!.score).toBeGreaterThanOrEqual(MIN_SCORE);
    expect(best!.score - runnerUp!.score).toBeGreaterThanOrEqual(MIN_MARGIN);

    const tied = ranked("shipping");
    expect(tied.slice(0, 3).map((r) => r.score)).toEqual([tied[0]!.score, tied[0]!.score, tied[0]!.score]);
    expect(bestFaq(tied)).toBeNull();

    expect(ranked("my invoice shows the wrong return address")[0]!.score).toBeLessThan(MIN_SCORE);
    expect(ranked("hi")).toEqual([]);
  });

  it("scores within 0…1, the same every time, and reads a message of the longest size", () => {
    const text = "how much is shipping to Berlin? ".repeat(31);
    expect(text.length).toBeLessThanOrEqual(1000);
    const first = ranked(text);
    expect(ranked(text)).toEqual(first);
    for (const { score } of first) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(understand(text, SHOP_FAQS)).toMatchObject({ kind: "answer", faq: { id: "cost" } });
    expect(understand("x".repeat(1000), SHOP_FAQS)).toEqual({ kind: "no_match" });
    expect(understand("hi", [])).toEqual({ kind: "greeting" });
    expect(understand("how much is shipping?", [])).toEqual({ kind: "no_match" });
  });
});

describe("the language the bot replies in", () => {
  it.each([
    ["en", "Hallo", "en"],
    ["de", "hello", "de"],
    ["de-AT", "hello", "de"],
    ["ar", "hello", "ar"],
    ["fr", "bonjour", "en"],
    ["auto", "Hallo, wo ist mein Paket?", "de"],
    ["auto", "Wo bleibt die Rücksendung", "de"],
    ["auto", "مرحبا", "ar"],
    ["auto", "hello", "en"],
    [null, "Hallo", "en"],
  ] as const)("site locale %j, visitor wrote %j → %s", (siteLocale, text, locale) => {
    expect(replyLocale(siteLocale, text)).toBe(locale);
  });
});
