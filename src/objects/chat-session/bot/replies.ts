/** What the bot says (SPEC §4.4), in the site's locale, as messages ready for the log. */

import { BOT_REPLIES, type MessageAction } from "../../../protocol";
import type { MessageDraft } from "../message-log";
import { BOT_SENDER } from "../senders";
import type { RankableFaq } from "./faq-ranking";
import type { BotLocale } from "./reply-locale";
import type { SmallTalk } from "./small-talk";

/** A reply of the bot's own; asking for a human is not one, it escalates. */
export type BotReply<T extends RankableFaq = RankableFaq> = { kind: "answer"; faq: T } | { kind: SmallTalk } | { kind: "no_match" };

interface BotTexts {
  greeting: string;
  thanks: string;
  noMatch: string;
  talkToHuman: string;
}

const TEXTS: Record<BotLocale, BotTexts> = {
  en: {
    greeting: "Hi! How can I help? Ask me a question, or ask for a human at any time.",
    thanks: "You're welcome! Is there anything else I can help with?",
    noMatch: "Sorry, I don't have an answer to that. Try asking in other words, or talk to a human.",
    talkToHuman: "Talk to a human",
  },
  de: {
    greeting: "Hallo! Wie kann ich helfen? Stellen Sie einfach Ihre Frage – oder fragen Sie jederzeit nach einem Menschen.",
    thanks: "Gern geschehen! Kann ich sonst noch etwas für Sie tun?",
    noMatch: "Darauf habe ich leider keine Antwort. Formulieren Sie Ihre Frage gern anders, oder sprechen Sie mit einem Menschen.",
    talkToHuman: "Mit einem Menschen sprechen",
  },
  ar: {
    greeting: "مرحبًا! كيف يمكنني مساعدتك؟ اطرح سؤالك، أو اطلب التحدث إلى موظف في أي وقت.",
    thanks: "على الرحب والسعة! هل هناك شيء آخر يمكنني مساعدتك فيه؟",
    noMatch: "عذرًا، ليست لديّ إجابة عن ذلك. يمكنك إعادة صياغة سؤالك أو التحدث إلى شخص حقيقي.",
    talkToHuman: "التحدث إلى شخص حقيقي",
  },
};

/**
 * The bot's message for `reply`, written in `locale` (a FAQ's answer is the admin's own text).
 * `metadata.reply` names the kind (see `BOT_REPLIES`); an answer and a no-match also offer the
 * "Talk to a human" choice in `metadata.actions`.
 */
export function botReplyDraft(reply: BotReply, locale: BotLocale, at: number): MessageDraft {
  const texts = TEXTS[locale];
  const talkToHuman: MessageAction = { type: "escalate", label: texts.talkToHuman };
  switch (reply.kind) {
    case "answer":
      return { ...BOT_SENDER, content: reply.faq.answer, at, metadata: { reply: BOT_REPLIES.answer, faq_id: reply.faq.id, actions: [talkToHuman] } };
    case "no_match":
      return { ...BOT_SENDER, content: texts.noMatch, at, metadata: { reply: BOT_REPLIES.noMatch, actions: [talkToHuman] } };
    default:
      return { ...BOT_SENDER, content: texts[reply.kind], at, metadata: { reply: BOT_REPLIES[reply.kind] } };
  }
}
