import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { BOT_INPUTS_REFRESH_MS, BOT_INPUTS_TTL_MS, BotInputs, type BotInputsRead } from "../../src/objects/chat-session/bot/bot-inputs";
import { BOT_REPLIES, SYSTEM_EVENTS, type EscalationsResponseSchema, type HistoryResponse, type Message } from "../../src/protocol";
import { GERMAN_SHOP_FAQS, GERMAN_SHOP_ROWS, SHOP_FAQS, SHOP_ROWS, type Expected, type ShopFaq } from "./bot-faqs";
import { createSite, request, startSession, TestSocket, type TestSite } from "./helpers";
import { REPORTED } from "./reported";

type Locale = "en" | "de" | "ar";
type EscalationsResponse = z.infer<typeof EscalationsResponseSchema>;

/** How the bot's own replies read in each locale; the test pins the language, not the wording. */
const REPLY_TEXT: Record<Locale, Record<"greeting" | "thanks" | "no_match", RegExp>> = {
  en: { greeting: /How can I help\?/, thanks: /You're welcome/, no_match: /talk to a human/ },
  de: { greeting: /Wie kann ich helfen\?/, thanks: /Gern geschehen/, no_match: /Menschen/ },
  ar: { greeting: /كيف يمكنني مساعدتك/, thanks: /على الرحب والسعة/, no_match: /شخص حقيقي/ },
};

const HUMAN_LABEL: Record<Locale, string> = { en: "Talk to a human", de: "Mit einem Menschen sprechen", ar: "التحدث إلى شخص حقيقي" };

async function siteWith(faqs: readonly ShopFaq[], locale: string): Promise<TestSite> {
  const site = await createSite({ faqs: faqs.map(({ question, answer, keywords }) => ({ question, answer, keywords })) });
  await env.DB.prepare("UPDATE sites SET locale = ? WHERE id = ?").bind(locale, site.siteId).run();
  return site;
}

async function statusOf(conversationId: string): Promise<string | undefined> {
  const row = await env.DB.prepare("SELECT status FROM conversations WHERE id = ?").bind(conversationId).first<{ status: string }>();
  return row?.status;
}

/**
 * A new visitor writes `text` over REST, the real conversation path; returns what the bot or the
 * escalation added after the visitor's message, and the session's escalations.
 */
async function ask(site: TestSite, text: string): Promise<{ sessionId: string; after: Message[]; escalations: EscalationsResponse }> {
  const visitor = await startSession(site);
  const auth = { token: visitor.visitor_token };
  const sent = await request(`/api/chat/${visitor.session_id}/messages`, { ...auth, body: { content: text, client_msg_id: "row" } });
  expect(sent.status).toBe(201);
  const history = (await (await request(`/api/chat/${visitor.session_id}/history`, auth)).json()) as HistoryResponse;
  expect(history.messages[0]).toMatchObject({ sender_type: "user", content: text });
  const escalations = (await (await request(`/api/chat/${visitor.session_id}/escalations`, auth)).json()) as EscalationsResponse;
  return { sessionId: visitor.session_id, after: history.messages.slice(1), escalations };
}

/** Checks one row: the reply (or escalation) the bot gave, and where the session is now. */
async function expectRow(site: TestSite, faqs: readonly ShopFaq[], text: string, expected: Expected, locale: Locale) {
  const { sessionId, after, escalations } = await ask(site, text);
  if (expected === "escalate") {
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ sender_type: "system", metadata: { event: SYSTEM_EVENTS.escalated, reason: "The visitor asked for a human" } });
    expect(escalations.escalations).toMatchObject([{ reason: "The visitor asked for a human", metadata: { source: "bot" } }]);
    await vi.waitFor(async () => expect(await statusOf(sessionId)).toBe("waiting"), REPORTED);
    return;
  }
  expect(after).toHaveLength(1);
  const reply = after[0]!;
  expect(reply.sender_type).toBe("bot");
  if (expected.startsWith("answer:")) {
    const index = faqs.findIndex((faq) => `answer:${faq.id}` === expected);
    expect(reply).toMatchObject({
      content: faqs[index]!.answer,
      metadata: { reply: BOT_REPLIES.answer, faq_id: site.faqIds[index], actions: [{ type: "escalate", label: HUMAN_LABEL[locale] }] },
    });
  } else {
    const kind = expected as "greeting" | "thanks" | "no_match";
    expect(reply.content).toMatch(REPLY_TEXT[locale][kind]);
    expect(reply.metadata?.reply).toBe(kind);
    expect(reply.metadata?.actions).toEqual(kind === "no_match" ? [{ type: "escalate", label: HUMAN_LABEL[locale] }] : undefined);
  }
  expect(escalations.count).toBe(0);
  await vi.waitFor(async () => expect(await statusOf(sessionId)).toBe("bot"), REPORTED);
}

describe("the FAQ bot, judged by a fixed table (SPEC §4.4)", () => {
  let shop: Promise<TestSite> | null = null;
  const englishShop = () => (shop ??= siteWith(SHOP_FAQS, "en"));

  it.each(SHOP_ROWS)("English shop: %j → %s", async (text, expected) => {
    await expectRow(await englishShop(), SHOP_FAQS, text, expected, "en");
  });

  let germanShop: Promise<TestSite> | null = null;
  it.each(GERMAN_SHOP_ROWS)("German shop (locale de): %j → %s", async (text, expected) => {
    germanShop ??= siteWith(GERMAN_SHOP_FAQS, "de");
    await expectRow(await germanShop, GERMAN_SHOP_FAQS, text, expected, "de");
  });

  it.each([
    ["Hallo!", "de"],
    ["hello", "en"],
    ["مرحبا", "ar"],
  ] as const)("a site with locale auto greets %j in the visitor's language (%s)", async (text, locale) => {
    const site = await siteWith(SHOP_FAQS, "auto");
    await expectRow(site, SHOP_FAQS, text, "greeting", locale);
  });
});

describe("the FAQ bot over the socket", () => {
  it("talks with the visitor without a status change, and escalates when they ask for a person", async () => {
    const site = await siteWith(SHOP_FAQS, "en");
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const say = async (id: string, content: string) => {
      socket.send({ type: "message", client_msg_id: id, content });
      const own = await socket.next("message", (f) => f.message.client_msg_id === id);
      return socket.next("message", (f) => f.message.seq === own.message.seq + 1);
    };

    expect((await say("m1", "hi")).message).toMatchObject({ sender_type: "bot", metadata: { reply: BOT_REPLIES.greeting } });
    expect((await say("m2", "how much is shipping?")).message).toMatchObject({ content: SHOP_FAQS[1]!.answer, metadata: { faq_id: site.faqIds[1] } });
    expect((await say("m3", "what about gift wrapping?")).message).toMatchObject({ sender_type: "bot", metadata: { reply: BOT_REPLIES.noMatch } });
    expect(socket.of("status")).toHaveLength(0);

    const note = await say("m4", "talk to a person please");
    expect(note.message).toMatchObject({ sender_type: "system", metadata: { event: SYSTEM_EVENTS.escalated } });
    expect(await socket.next("status")).toMatchObject({ status: "waiting" });
    expect(await socket.next("escalated")).toMatchObject({ escalation: { reason: "The visitor asked for a human" } });

    // With a human wanted, the bot is silent: the next message gets no reply.
    socket.send({ type: "message", client_msg_id: "m5", content: "thanks!" });
    const m5 = await socket.next("message", (f) => f.message.client_msg_id === "m5");
    await vi.waitFor(async () => {
      const row = await env.DB.prepare("SELECT last_seq FROM conversations WHERE id = ?").bind(visitor.session_id).first<{ last_seq: number }>();
      expect(row!.last_seq).toBeGreaterThanOrEqual(m5.message.seq);
    }, REPORTED);
    expect(socket.of("message").filter((f) => f.message.sender_type === "bot")).toHaveLength(3);
    socket.end();
  });
});

describe("what the bot answers from", () => {
  const addFaq = (siteId: string, question: string, at: number) =>
    env.DB.prepare("INSERT INTO faqs (id, site_id, question, answer, keywords, position, created_at) VALUES (?, ?, ?, 'Yes.', '', 99, ?)")
      .bind(crypto.randomUUID(), siteId, question, at)
      .run();
  const questions = (read: BotInputsRead) => read.faqs.entries.map(({ faq }) => faq.question);

  it("is read from D1 once per BOT_INPUTS_TTL_MS, so an edit reaches a running conversation within that time", async () => {
    const site = await createSite();
    const inputs = new BotInputs(env);
    const t0 = Date.now();
    const first = await inputs.of(site.siteId, t0, t0);
    expect(first.faqs.entries).toHaveLength(site.faqIds.length);
    await addFaq(site.siteId, "Gift cards?", t0);
    // Within the time: the same read, not a new one (the edit is not seen yet).
    expect(await inputs.of(site.siteId, t0, t0 + BOT_INPUTS_TTL_MS - 1)).toBe(first);
    // After it: read again, with the edit.
    const later = await inputs.of(site.siteId, t0, t0 + BOT_INPUTS_TTL_MS);
    expect(questions(later)).toContain("Gift cards?");
    // Another site is never answered from this one's FAQs.
    const other = await createSite({ faqs: [] });
    expect((await inputs.of(other.siteId, t0, t0 + BOT_INPUTS_TTL_MS + 1)).faqs.entries).toEqual([]);
  });

  it("serves every conversation of a site from one read, unless the conversation began after it", async () => {
    const site = await createSite();
    const inputs = new BotInputs(env);
    const t0 = Date.now();
    const first = await inputs.of(site.siteId, t0 - 60_000, t0);
    expect(await inputs.of(site.siteId, t0 - 1, t0 + 1)).toBe(first);
    // An edit, then a conversation that began after the read: it reads again, and sees the edit.
    await addFaq(site.siteId, "Gift cards?", t0);
    const newer = await inputs.of(site.siteId, t0 + 1, t0 + 2);
    expect(newer).not.toBe(first);
    expect(questions(newer)).toContain("Gift cards?");
    // The older conversations are now served from that newer read too.
    expect(await inputs.of(site.siteId, t0 - 60_000, t0 + 3)).toBe(newer);
  });

  it("lets one conversation read again when the read expires, the others keeping the old one meanwhile", async () => {
    const site = await createSite();
    const inputs = new BotInputs(env);
    const t0 = Date.now();
    const first = await inputs.of(site.siteId, t0, t0);
    await addFaq(site.siteId, "Gift cards?", t0);
    const expired = t0 + BOT_INPUTS_TTL_MS;
    const [reader, other] = await Promise.all([inputs.of(site.siteId, t0, expired), inputs.of(site.siteId, t0, expired + 1)]);
    expect(questions(reader)).toContain("Gift cards?");
    expect(other).toBe(first);
    expect(await inputs.of(site.siteId, t0, expired + 2)).toBe(reader);
    // A read again that never ends holds the others back only so long: then the next asker reads.
    const stuck = t0 + 2 * BOT_INPUTS_TTL_MS;
    const hanging = inputs.of(site.siteId, t0, stuck);
    expect(await inputs.of(site.siteId, t0, stuck + 1)).toBe(reader);
    const next = await inputs.of(site.siteId, t0, stuck + BOT_INPUTS_REFRESH_MS);
    expect(next).not.toBe(reader);
    await hanging;
  });

  it("keeps the reads of at most its number of sites, dropping the oldest", async () => {
    const [one, two, three] = await Promise.all([createSite(), createSite(), createSite()]);
    const inputs = new BotInputs(env, 2);
    const t0 = Date.now();
    const first = await inputs.of(one.siteId, t0, t0);
    expect(await inputs.of(one.siteId, t0, t0 + 1)).toBe(first);
    await inputs.of(two.siteId, t0, t0 + 2);
    await inputs.of(three.siteId, t0, t0 + 3);
    expect(await inputs.of(one.siteId, t0, t0 + 4)).not.toBe(first);
  });
});
