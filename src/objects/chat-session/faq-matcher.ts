/** The FAQ bot's matcher: word overlap between the visitor's text and a FAQ's question and keywords. */

export interface MatchableFaq {
  id: string;
  question: string;
  answer: string;
  keywords: string;
}

const STOP_WORDS = new Set(
  (
    "the a an and or but if then than to of in on at by for with from about into over after before " +
    "is are was were be been being am do does did done have has had can could will would shall should " +
    "may might must i me my we our you your he she it its they them their this that these those what " +
    "which who whom whose when where why how not no yes please thanks thank hello hi hey there here " +
    "just any some get got want need know tell like"
  ).split(" "),
);

/** A share of the visitor's meaningful words this large must appear in the FAQ to count. */
const MIN_COVERAGE = 0.5;

/** Lower-cases, splits on anything but letters and digits, drops stop words, trims plural "s". */
export function keywordsOf(text: string): Set<string> {
  const words = text.toLowerCase().normalize("NFKD").split(/[^\p{L}\p{N}]+/u);
  const result = new Set<string>();
  for (const word of words) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    result.add(word.length > 4 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);
  }
  return result;
}

/**
 * Returns the FAQ that best covers what the visitor wrote, or null when none covers at least
 * half of their meaningful words (then the session escalates to a human).
 */
export function matchFaq<T extends MatchableFaq>(text: string, faqs: readonly T[]): T | null {
  const asked = keywordsOf(text);
  if (asked.size === 0) return null;
  let best: { faq: T; score: number } | null = null;
  for (const faq of faqs) {
    const known = keywordsOf(`${faq.question} ${faq.keywords}`);
    let shared = 0;
    for (const word of asked) if (known.has(word)) shared++;
    const score = shared / asked.size;
    if (shared > 0 && score >= MIN_COVERAGE && (!best || score > best.score)) best = { faq, score };
  }
  return best?.faq ?? null;
}
