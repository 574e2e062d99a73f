import { BUBBLE_LABELS } from "./bubble-labels";
import type { AwayStrings } from "./away-en";
import type { Counted } from "./plural";
import type { RatingStrings } from "./rating-en";

/** English, the reference table: every other locale and every embedder override has these keys. */
export const en = {
  ...BUBBLE_LABELS.en,
  unread: { other: "{count} unread" },
  dialogLabel: "Chat with {site}",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  offline: "You are offline",
  waitingForAgent: "Waiting for a team member",
  chattingWith: "You are chatting with {name}",
  replySoon: "We reply in a few minutes",
  replyLater: "We'll reply as soon as we can",
  faqTitle: "Popular questions",
  talkToHuman: "Talk to a human",
  waitingBanner: "We have asked a team member to join. You will get a reply right here.",
  waitingBannerLater: "We have let the team know. Nobody is online right now, so it may take a while; the reply will appear here.",
  closedBanner: "This conversation has ended. Write a message to start it again.",
  messages: "Messages",
  messageLabel: "Message",
  placeholder: "Write a message…",
  send: "Send",
  sending: "Sending…",
  notSent: "Not sent",
  retry: "Retry",
  remove: "Remove",
  seen: "Seen",
  typing: "{name} is typing…",
  loadOlder: "Show earlier messages",
  loading: "Loading…",
  today: "Today",
  yesterday: "Yesterday",
  you: "You",
  assistant: "Assistant",
  charactersLeft: { one: "{count} character left", other: "{count} characters left" },
  brokenCharacter: "This message has a broken character (half an emoji?). Remove it to send.",
  conversations: "Your conversations",
  back: "Back",
  current: "Current conversation",
  noConversations: "No conversations yet.",
  noMessagesYet: "No messages yet",
  loadFailed: "This could not be loaded. Please try again later.",
  statusBot: "Assistant",
  statusWaiting: "Waiting for a reply",
  statusAssigned: "With {name}",
  statusClosed: "Closed",
  eventEscalated: "A team member has been asked to join",
  eventAgentJoined: "{name} joined the conversation",
  eventAgentLeft: "{name} left the conversation",
  eventClosedTimeout: "The conversation was closed after a period of inactivity",
  eventClosedSiteDeleted: "This chat is no longer available",
  eventClosedAgent: "{name} closed the conversation",
  eventReopened: "The conversation was reopened",
  eventReopenedWith: "The conversation was reopened and is back with {name}",
  eventRated: "You rated this conversation {score} out of {max}",
  announce: "{name}: {text}",
  dismissPreview: "Dismiss",
  poweredBy: "Powered by Parley",
};

/** A locale's table: the same keys, and a counted string (an object) wherever English counts. */
export type Strings = { [K in keyof typeof en]: (typeof en)[K] extends string ? string : Counted };

/**
 * What an embedder may replace, the away form's and the rating prompt's strings included; a
 * counted string also by one text for every count.
 */
export type StringOverrides = { [K in keyof Strings]?: Strings[K] | string } & Partial<AwayStrings> & Partial<RatingStrings>;
