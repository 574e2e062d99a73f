import { signal } from "@preact/signals";
import type { CreateFaqBody, Faq, FaqListResponse, UpdateFaqBody } from "@parley/protocol";
import { requestJson } from "../../lib/http";

/**
 * The FAQs of the site open in settings (SPEC §5), in the widget's order; null while loading.
 * The live preview reads them too.
 */
export const faqs = signal<Faq[] | null>(null);
export const faqsFailed = signal<string | null>(null);
let shownSite: string | null = null;

export async function loadFaqs(siteId: string): Promise<void> {
  shownSite = siteId;
  faqs.value = null;
  faqsFailed.value = null;
  try {
    const list = (await requestJson<FaqListResponse>(`/api/sites/${siteId}/faqs`)).faqs;
    if (shownSite === siteId) faqs.value = list;
  } catch (error) {
    if (shownSite === siteId) faqsFailed.value = error instanceof Error ? error.message : "The FAQs could not be loaded.";
  }
}

export async function addFaq(siteId: string, body: CreateFaqBody): Promise<Faq> {
  const faq = await requestJson<Faq>(`/api/sites/${siteId}/faqs`, { method: "POST", body });
  if (shownSite === siteId) faqs.value = [...(faqs.peek() ?? []), faq];
  return faq;
}

export async function updateFaq(faqId: string, changes: UpdateFaqBody): Promise<Faq> {
  const faq = await requestJson<Faq>(`/api/faqs/${faqId}`, { method: "PATCH", body: changes });
  faqs.value = (faqs.peek() ?? []).map((other) => (other.id === faq.id ? faq : other));
  return faq;
}

export async function deleteFaq(faqId: string): Promise<void> {
  await requestJson<void>(`/api/faqs/${faqId}`, { method: "DELETE" });
  faqs.value = (faqs.peek() ?? []).filter((faq) => faq.id !== faqId);
}

/** Order saves run one after another, so the server ends with the last order the admin made. */
let savingOrder: Promise<unknown> = Promise.resolve();
let latestOrder = 0;

/**
 * Moves one FAQ a place up (-1) or down (+1) and saves the whole order. The list moves at once;
 * the server's answer to the latest move is the order kept, and a refusal of it puts back the
 * order from before that move.
 */
export async function moveFaq(siteId: string, faqId: string, step: -1 | 1): Promise<void> {
  const before = faqs.peek() ?? [];
  const from = before.findIndex((faq) => faq.id === faqId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= before.length) return;
  const moved = [...before];
  [moved[from], moved[to]] = [moved[to]!, moved[from]!];
  faqs.value = moved;
  const mine = ++latestOrder;
  const ids = moved.map((faq) => faq.id);
  const saved = savingOrder.then(() => requestJson<FaqListResponse>(`/api/sites/${siteId}/faqs/order`, { method: "PUT", body: { ids } }));
  savingOrder = saved.catch(() => undefined);
  const current = () => mine === latestOrder && shownSite === siteId;
  try {
    const answer = await saved;
    if (current()) faqs.value = answer.faqs;
  } catch (error) {
    if (current()) faqs.value = before;
    throw error;
  }
}
