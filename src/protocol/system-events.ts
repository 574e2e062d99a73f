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
  /** The visitor rated the closed conversation (SPEC §11); metadata `score` (1–5) and `comment` (or null). */
  rated: "rated",
  // Team groups (SPEC §4.10); `agent_name` is whom it happened to, `by_name` who did it.
  /** metadata `by_name`, `name`. */
  groupCreated: "group_created",
  /** metadata `by_name`, `name` (the new one). */
  groupRenamed: "group_renamed",
  /** metadata `agent_name`, `by_name`. */
  memberAdded: "member_added",
  /** metadata `agent_name`, `by_name`. */
  memberRemoved: "member_removed",
  /** metadata `agent_name`. */
  memberLeft: "member_left",
  /** The last admin left and admin passed to the longest-standing member; metadata `agent_name`. */
  adminChanged: "admin_changed",
} as const;

export type SystemEvent = (typeof SYSTEM_EVENTS)[keyof typeof SYSTEM_EVENTS];
