import type { InboxTab } from "../../state/inbox";

/** What an empty view says, and what to do about it. */
export const EMPTY_VIEWS: Record<InboxTab, { title: string; body: string }> = {
  waiting: {
    title: "Nobody is waiting",
    body: "When a visitor asks for a human they appear here, longest wait first. Turn on alerts to hear it.",
  },
  mine: {
    title: "Nothing assigned to you",
    body: "Take over a waiting conversation, or simply reply to one, and it lands here.",
  },
  open: {
    title: "No open conversations",
    body: "Conversations appear here the moment a visitor writes on one of your sites.",
  },
  bot: {
    title: "The bot is not chatting with anyone",
    body: "Visitors talking to the FAQ bot show up here; you can step in at any time.",
  },
  closed: {
    title: "No closed conversations yet",
    body: "Conversations you or the timeout close are kept here with their full history.",
  },
};
