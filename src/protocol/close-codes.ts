/**
 * WebSocket close codes and reasons the server sends on both sockets (SPEC §6, §7, §10). Clients
 * decide from these whether to reconnect, fall back to polling, or show "signed out". Imports nothing.
 */
export const CLOSE_CODES = {
  /** Silent longer than the connection timeout: reconnect when needed. */
  idle: 4000,
  /** The agent's sign-in ended (logout, expiry, deactivation, password change): do not reconnect. */
  signedOut: 4001,
  /** The site was deleted (visitor sockets): its key and tokens no longer work, so do not reconnect. */
  siteDeleted: 4004,
  /** A team chat the agent no longer belongs to (removed, or the group deleted): do not reconnect. */
  notMember: 4003,
  /** Over a socket cap (per person or per conversation): the newest socket is refused. */
  tooManySockets: 4029,
  /** Went on sending through a whole burst of `rate_limited` refusals: reconnect later, slower. */
  flooding: 1008,
  /** The socket lost its identity, which only a server fault can cause: reconnect. */
  serverError: 1011,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Reasons sent with `CLOSE_CODES.signedOut`, so the dashboard can say why. */
export const SIGNED_OUT_REASONS = {
  loggedOut: "signed_out",
  expired: "session_expired",
  deactivated: "account_deactivated",
  passwordChanged: "password_changed",
} as const;

export type SignedOutReason = (typeof SIGNED_OUT_REASONS)[keyof typeof SIGNED_OUT_REASONS];

export const CLOSE_REASONS = {
  idle: "idle",
  flooding: "rate_limited",
  tooManySockets: "too_many_sockets",
  lostIdentity: "lost_identity",
  siteDeleted: "site_deleted",
  removedFromChat: "removed_from_chat",
  chatDeleted: "chat_deleted",
} as const;
