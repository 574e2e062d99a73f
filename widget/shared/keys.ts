/**
 * Names of everything the widget keeps in the browser. Each carries the site key, so two sites
 * embedded on one origin never share a visitor, an outbox or a leader tab.
 */
export const browserSessionKey = (siteKey: string): string => `parley:${siteKey}:browser`;

export const outboxKey = (siteKey: string, sessionId: string): string => `parley:${siteKey}:outbox:${sessionId}`;

/** The Web Lock held by the tab that owns the conversation socket. */
export const leaderLockName = (siteKey: string): string => `parley:${siteKey}:leader`;

/** The BroadcastChannel over which the leader tab relays frames to the others. */
export const tabChannelName = (siteKey: string): string => `parley:${siteKey}:tabs`;
