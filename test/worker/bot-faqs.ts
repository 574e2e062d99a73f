/**
 * The fixed FAQ sets the bot is judged by (SPEC §4.4, issue 10): an English shop and a German one.
 * "What does shipping cost?" is worded without "much", as shops often do: "how much is shipping?"
 * must still find it, through the thesaurus, where word overlap alone ties it with delivery time.
 */

export type FaqKey = "delivery_time" | "cost" | "returns" | "payments" | "international";

/** A FAQ as the bot reads it; `id` names it in the tables (the worker tests map it to the stored id). */
export interface ShopFaq {
  id: FaqKey;
  question: string;
  answer: string;
  keywords: string;
}

export const SHOP_FAQS: readonly ShopFaq[] = [
  {
    id: "delivery_time",
    question: "How long does shipping take?",
    answer: "Orders leave our warehouse within 2 business days; delivery takes 3–5 days.",
    keywords: "delivery shipping ship arrive when",
  },
  { id: "cost", question: "What does shipping cost?", answer: "Shipping is free on orders over $50, otherwise $4.95.", keywords: "" },
  { id: "returns", question: "What is your return policy?", answer: "You can return anything within 30 days for a full refund.", keywords: "" },
  { id: "payments", question: "Which payment methods do you accept?", answer: "We accept Visa, Mastercard, PayPal and Apple Pay.", keywords: "" },
  { id: "international", question: "Do you ship internationally?", answer: "Yes, we ship to 40 countries; duties are shown at checkout.", keywords: "" },
];

export const GERMAN_SHOP_FAQS: readonly ShopFaq[] = [
  { id: "delivery_time", question: "Wie lange dauert der Versand?", answer: "Bestellungen verlassen unser Lager innerhalb von 2 Werktagen.", keywords: "lieferung" },
  { id: "cost", question: "Was kostet der Versand?", answer: "Ab 50 € ist der Versand kostenlos, sonst kostet er 4,95 €.", keywords: "" },
  { id: "returns", question: "Wie funktioniert die Rücksendung?", answer: "Sie können alles innerhalb von 30 Tagen zurückschicken.", keywords: "" },
  { id: "payments", question: "Welche Zahlungsarten akzeptieren Sie?", answer: "Wir akzeptieren Visa, Mastercard und PayPal.", keywords: "" },
];

/** What the bot must make of a message: a FAQ's answer (by id), a reply of its own, or a human. */
export type Expected = `answer:${FaqKey}` | "greeting" | "thanks" | "no_match" | "escalate";

/**
 * The English shop's table: what a visitor writes → what the bot must do. "hi" and "how much is
 * shipping?" are the issue's own rows (before: an escalation, and the delivery-time answer).
 */
export const SHOP_ROWS: ReadonlyArray<readonly [string, Expected]> = [
  ["how much is shipping?", "answer:cost"],
  ["hi", "greeting"],
  ["thanks!", "thanks"],
  ["returns", "answer:returns"],
  ["do u accept paypal", "answer:payments"],
  ["talk to a person please", "escalate"],
  // "refund" is a return word, "shoes" no FAQ knows: the return policy is the right answer.
  ["I want a refund for my shoes", "answer:returns"],
  ["asdkjh qwpoe zzxv", "no_match"],
  ["Hello there!", "greeting"],
  ["Thank you so much for your help", "thanks"],
  ["HOW LONG DOES SHIPPING TAKE", "answer:delivery_time"],
  ["hi, how much is shipping?", "answer:cost"],
  ["Do you deliver abroad?", "answer:international"],
  ["which countries do you ship to?", "answer:international"],
  ["What payment options do you have?", "answer:payments"],
  ["When will my order arrive?", "answer:delivery_time"],
  // Three FAQs fit "shipping" equally: no coin toss.
  ["shipping", "no_match"],
  ["My invoice shows the wrong company name", "no_match"],
  // One known word among many unknown ones is not enough.
  ["my invoice shows the wrong return address", "no_match"],
  ["thanks, but that didn't help", "no_match"],
  // Mentions a person without asking for one.
  ["Can I pick up in person?", "no_match"],
  ["I need a human", "escalate"],
  ["I need a person", "escalate"],
  ["agent", "escalate"],
  ["Talk to a human", "escalate"],
  ["Ich möchte mit einem Mitarbeiter sprechen", "escalate"],
  ["أريد التحدث إلى موظف", "escalate"],
];

/** The German shop's table, for a site whose locale is "de". */
export const GERMAN_SHOP_ROWS: ReadonlyArray<readonly [string, Expected]> = [
  ["Hallo!", "greeting"],
  ["Danke schön!", "thanks"],
  ["Wie viel kostet der Versand nach Österreich?", "answer:cost"],
  ["Versandkosten?", "answer:cost"],
  ["Kann ich mit PayPal bezahlen?", "answer:payments"],
  ["Rücksendungen", "answer:returns"],
  ["Kann ich mit jemandem reden?", "escalate"],
  ["Talk to a human", "escalate"],
  ["Blorp fizz", "no_match"],
];
