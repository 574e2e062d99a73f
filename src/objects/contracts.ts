import type { AgentRef, ConversationKind, ConversationStatus, DashboardServerFrame, Escalation, Message, TeamMember } from "../protocol";
import type { Principal } from "../env";
import type { Statement } from "../db/statements";

/**
 * What the worker tells a ChatSession about its conversation, read from D1 on every upgrade and
 * REST call, so the object never needs to query D1 to know who it is.
 */
export interface ConversationRef {
  id: string;
  workspaceId: string;
  kind: ConversationKind;
  title: string | null;
  siteId: string | null;
  siteName: string | null;
  visitorId: string | null;
  visitorName: string | null;
  botEnabled: boolean;
  createdAt: number;
  /**
   * A team chat's current members (SPEC §4.10), oldest first: whose unread counts the object
   * keeps and whose dashboards hear of it. Empty for support sessions.
   */
  members: TeamMember[];
}

/**
 * Status and assignee of a conversation. The lobby decides every change and stamps it with a
 * version from its own counter; a copy holder keeps whichever version is highest.
 */
export interface ConversationState {
  status: ConversationStatus;
  agent: AgentRef | null;
  version: number;
  waitingSince: number | null;
  closedAt: number | null;
}

/**
 * What a closed conversation remembers for when its visitor writes again (SPEC §3, reopening):
 * who last handled it and whether a human was ever asked for.
 */
export interface ReopenHistory {
  lastAgent: AgentRef | null;
  escalated: boolean;
}

/** A change the lobby is asked to decide; agent-initiated ones come from dashboards. */
export type StateRequest =
  | { type: "visitor_message" }
  | ({ type: "reopen" } & ReopenHistory)
  | { type: "escalate"; reason: string }
  | { type: "timeout" }
  | { type: "assign"; agent: AgentRef }
  | { type: "unassign"; agent: AgentRef }
  | { type: "transfer"; from: AgentRef; to: AgentRef }
  | { type: "close"; by: AgentRef }
  /** An admin deleted the conversation's site (SPEC §5): closed, and never reopened. */
  | { type: "site_deleted" };

/** One inbound action of a ChatSession, reported to the lobby in a single call. */
export interface SessionReport {
  ref: ConversationRef;
  /** The session's current view, used when the lobby has no entry for it yet. */
  state: ConversationState;
  messages: Message[];
  escalation: Escalation | null;
  request: StateRequest | null;
  /**
   * The conversation's coalesced D1 index write when it was due within a report window: it rides
   * with the report into the lobby's next batch, one lobby call for both (`IndexWrites.add`).
   */
  index?: IndexStatement[];
}

/**
 * One D1 statement of a conversation's coalesced index write, as SQL text and its bindings, for
 * the lobby to send in its workspace's next batch (SPEC §2).
 */
export type IndexStatement = Statement;

/** Sent by the lobby when it changed a session's state on an agent's behalf. */
export interface StateChange {
  state: ConversationState;
  request: StateRequest;
}

/** The agent sign-in a socket was opened with: its id (a SHA-256 hex) and when it ends (ms). */
export interface AuthSessionRef {
  id: string;
  expiresAt: number;
}

/** Internal header carrying the authenticated upgrade from the worker to an object. */
export const UPGRADE_CONTEXT_HEADER = "X-Parley-Upgrade";

/**
 * Internal header on an object's refusal of a person cooling down from a flood: the exact
 * milliseconds left, which `Retry-After` rounds up. The worker remembers it and strips it.
 */
export const COOL_DOWN_HEADER = "X-Parley-Cool-Down-Ms";

export interface ChatUpgradeContext {
  ref: ConversationRef;
  principal: Principal;
  afterSeq: number | null;
  /** The agent sign-in the socket is opened with; null for visitors. */
  auth: AuthSessionRef | null;
}

export const INITIAL_STATE: ConversationState = {
  status: "bot",
  agent: null,
  version: 0,
  waitingSince: null,
  closedAt: null,
};

/** Team chat list frames for one member's dashboards, from a chat's object to the lobby (SPEC §4.10). */
export interface TeamDelivery {
  agentId: string;
  frames: DashboardServerFrame[];
}
