/**
 * The `metadata.reply` of bot messages (sender_type "bot", SPEC §4.4): which kind of reply it
 * is. The bot writes `content` in the site's locale; "answer" and "no_match" also carry
 * `metadata.actions`, the "Talk to a human" choice. Imports nothing.
 */
export const BOT_REPLIES = {
  /** A FAQ's answer, clicked or matched from free text; metadata `faq_id`. */
  answer: "answer",
  greeting: "greeting",
  thanks: "thanks",
  /** No FAQ fits: the session stays with the bot and the visitor is offered a human. */
  noMatch: "no_match",
} as const;

export type BotReplyKind = (typeof BOT_REPLIES)[keyof typeof BOT_REPLIES];
