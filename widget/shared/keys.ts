/**
 * Names of everything the widget keeps in the browser. Each carries the site key, so two sites
 * embedded on one origin never share a visitor, an outbox or a leader tab.
 */
export const browserSessionKey = (siteKey: string): string => `parley:${siteKey}:browser`;

export const outboxKey = (siteKey: string, sessionId: string): string => `parley:${siteKey}:outbox:${sessionId}`;

/**
 * The Web Lock held by the tab that owns the conversation socket. A conversation other than the
 * browser's own (an identified user's from another device) has a lock of its own.
 */
export const leaderLockName = (siteKey: string, otherConversationId?: string): string =>
  `parley:${siteKey}:leader${otherConversationId ? `:${otherConversationId}` : ""}`;

/** The BroadcastChannel over which the leader tab relays frames to the others; per conversation like the lock. */
export const tabChannelName = (siteKey: string, otherConversationId?: string): string =>
  `parley:${siteKey}:tabs${otherConversationId ? `:${otherConversationId}` : ""}`;

/** The newest reply whose preview the visitor dismissed: a newer reply shows a preview again. */
export const previewDismissedKey = (siteKey: string, sessionId: string): string => `parley:${siteKey}:preview:${sessionId}`;

/**
 * The closing (the seq of its `closed` line) whose rating prompt the visitor dismissed: a later
 * closing of the same conversation asks again.
 */
export const ratingDismissedKey = (siteKey: string, conversationId: string): string => `parley:${siteKey}:rating:${conversationId}`;
