/**
 * The `metadata.event` of system messages (sender_type "system"). Clients translate a system
 * message by its event; its `content` is the English fallback. Imports nothing.
 */
export const SYSTEM_EVENTS = {
  /** A human was asked for; metadata `reason`. */
  escalated: "escalated",
  /** metadata `agent_name`, and `from` on a transfer. */
  agentJoined: "agent_joined",
  /** metadata `agent_name`. */
  agentLeft: "agent_left",
  /** metadata `reason`: "agent" (with `agent_name`), "timeout", or "site_deleted" (an admin removed the site). */
  closed: "closed",
  /** The visitor wrote into a closed conversation; metadata `status` and, when it went back to them, `agent_name`. */
  reopened: "reopened",
} as const;

export type SystemEvent = (typeof SYSTEM_EVENTS)[keyof typeof SYSTEM_EVENTS];
