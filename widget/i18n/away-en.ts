/**
 * The strings of the away chunk (SPEC §12): the header's words while the site is away, and the
 * form that leaves a message. A table of their own, so the panel every visitor downloads does not
 * carry them; English is the reference, as `en` is for the panel's.
 */
export const awayEn = {
  backAt: "Back at {time}",
  backTomorrow: "Back tomorrow at {time}",
  backOn: "Back {day} at {time}",
  awayNow: "Away right now",
  awayDefault: "We're away right now. Leave your email and a message, and we'll reply as soon as we're back.",
  awayTitle: "Leave us a message",
  emailLabel: "Your email",
  awayMessageLabel: "Your message",
  leaveMessage: "Send message",
  emailInvalid: "Enter an email address like name@example.com.",
  messageEmpty: "Write a message first.",
  leaveFailed: "Your message could not be sent. Check your connection and try again.",
  leftMessage: "Thanks! We got your message and will reply to {email}.",
};

export type AwayStrings = { [K in keyof typeof awayEn]: string };
