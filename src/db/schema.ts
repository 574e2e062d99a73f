import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Every timestamp is milliseconds since the epoch; the API turns them into ISO 8601. */
const createdAt = () => integer("created_at").notNull();

export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /**
   * The presence record of SPEC §12: whether an active agent has a dashboard open and is not away.
   * Written by the workspace's lobby when it flips, read by session init (which never calls the lobby).
   */
  agentsAvailable: integer("agents_available", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

export const agents = sqliteTable(
  "agents",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Stored lower-cased; logins are by email, so it is unique across workspaces. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["admin", "agent"] }).notNull(),
    passwordHash: text("password_hash").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    lastLoginAt: integer("last_login_at"),
  },
  (t) => [uniqueIndex("agents_email").on(t.email), index("agents_workspace").on(t.workspaceId, t.name)],
);

export const authSessions = sqliteTable(
  "auth_sessions",
  {
    /** SHA-256 of the cookie token: a leaked table cannot be replayed as cookies. */
    id: text("id").primaryKey(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("auth_sessions_agent").on(t.agentId), index("auth_sessions_expiry").on(t.expiresAt)],
);

/**
 * One-time sign-in links (SPEC §5 invites, `admin:create`): the agent sets a password with it and
 * is signed in. Stored as SHA-256 of the link's token, like sign-ins; single use, 7 days.
 */
export const agentInvites = sqliteTable(
  "agent_invites",
  {
    id: text("id").primaryKey(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("agent_invites_agent").on(t.agentId)],
);

/**
 * The conversation rooms an agent opened a socket on, per sign-in, so ending a sign-in (logout,
 * deactivation, password change) reaches exactly the rooms that can hold its sockets.
 */
export const authSessionRooms = sqliteTable(
  "auth_session_rooms",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => authSessions.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.conversationId] })],
);

export const sites = sqliteTable(
  "sites",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    siteKey: text("site_key").notNull(),
    name: text("name").notNull(),
    /** JSON array of exact origins; `"*"` allows any origin, an empty list none. */
    allowedOrigins: text("allowed_origins").notNull().default("[]"),
    /** JSON `Theme` from the protocol module. */
    theme: text("theme").notNull().default("{}"),
    greeting: text("greeting").notNull().default(""),
    locale: text("locale").notNull().default("en"),
    botEnabled: integer("bot_enabled", { mode: "boolean" }).notNull().default(true),
    /** Key of the `user_hash` HMAC (SPEC §4.9); null until the admin enables identity. */
    identitySecret: text("identity_secret"),
    /** JSON `BusinessHours` (SPEC §12); null means always open. */
    businessHours: text("business_hours"),
    onlyWhenAgentsOnline: integer("only_when_agents_online", { mode: "boolean" }).notNull().default(false),
    awayMessage: text("away_message").notNull().default(""),
    /** `WhenAway`: what the widget does while the site is unavailable. */
    whenAway: text("when_away").notNull().default("form"),
    /**
     * Set when an admin deletes the site: its key stops working and its conversations stay in the
     * inbox with its name. Deleted sites are left out of every site list.
     */
    deletedAt: integer("deleted_at"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("sites_key").on(t.siteKey), index("sites_workspace").on(t.workspaceId)],
);

export const faqs = sqliteTable(
  "faqs",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    answer: text("answer").notNull(),
    /** Extra words the bot matches on, space separated. */
    keywords: text("keywords").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("faqs_site").on(t.siteId, t.position)],
);

export const visitors = sqliteTable(
  "visitors",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    browserSessionId: text("browser_session_id").notNull(),
    /** The embedder's own user id, set once `identify` verified its HMAC. */
    externalUserId: text("external_user_id"),
    name: text("name"),
    email: text("email"),
    /**
     * An address the visitor typed into the away form (SPEC §12): theirs by their word only, so it
     * is kept apart from the verified `email` that identify sets.
     */
    contactEmail: text("contact_email"),
    /** JSON: page, referrer, user agent, country and city, time zone (visitor panel). */
    context: text("context").notNull().default("{}"),
    createdAt: createdAt(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [
    uniqueIndex("visitors_browser").on(t.siteId, t.browserSessionId),
    index("visitors_external").on(t.siteId, t.externalUserId),
    // An agent's look-up of a person by their user id, within the workspace only.
    index("visitors_workspace_external").on(t.workspaceId, t.externalUserId),
  ],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["support", "direct", "group"] }).notNull(),
    siteId: text("site_id"),
    visitorId: text("visitor_id"),
    /**
     * The embedder's user whose conversation this is, stamped when its visitor proved that user
     * with `identify`: that user may continue it from any browser of theirs (SPEC §4.9).
     */
    externalUserId: text("external_user_id"),
    /** Team chats: messages agents wrote in all (members' unread counts are taken from it). */
    agentMessages: integer("agent_messages").notNull().default(0),
    /** Group name; null for support and direct chats. */
    title: text("title"),
    /** Two agent ids, sorted and joined, so one pair has one direct chat. */
    directKey: text("direct_key"),
    status: text("status", { enum: ["bot", "waiting", "assigned", "closed", "open"] }).notNull(),
    assigneeId: text("assignee_id"),
    assigneeName: text("assignee_name"),
    /** Version of status and assignee as decided by the lobby; older writes are ignored. */
    stateVersion: integer("state_version").notNull().default(0),
    lastSeq: integer("last_seq").notNull().default(0),
    lastMessagePreview: text("last_message_preview"),
    lastMessageAt: integer("last_message_at"),
    lastSenderType: text("last_sender_type"),
    /** Set by the first visitor message: from then on the session is in the agents' list. */
    startedAt: integer("started_at"),
    waitingSince: integer("waiting_since"),
    firstResponseAt: integer("first_response_at"),
    closedAt: integer("closed_at"),
    /**
     * A group deleted by its admin (SPEC §5): gone for everyone at once, its row and its object's
     * storage purged later by the Cron Trigger (SPEC §11).
     */
    deletedAt: integer("deleted_at"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // The inbox lists (src/db/queries/inbox.ts): one ordered range per status, started sessions
    // only. The only indexes holding `updated_at`, which every report moves: two at most.
    index("conversations_list")
      .on(t.workspaceId, t.kind, t.status, t.updatedAt, t.id)
      .where(sql`started_at IS NOT NULL`),
    index("conversations_assignee")
      .on(t.assigneeId, t.updatedAt, t.id)
      .where(sql`assignee_id IS NOT NULL`),
    index("conversations_visitor").on(t.visitorId, t.createdAt),
    index("conversations_user").on(t.siteId, t.externalUserId).where(sql`external_user_id IS NOT NULL`),
    uniqueIndex("conversations_direct").on(t.directKey).where(sql`direct_key IS NOT NULL`),
    // The purge's look-up of deleted groups (src/jobs/purge-team-chats.ts).
    index("conversations_deleted").on(t.deletedAt).where(sql`deleted_at IS NOT NULL`),
  ],
);

/**
 * Who takes part in a conversation, with their read cursor. Support sessions have the visitor and
 * every agent who joined; direct chats two agents; group chats any number, with roles.
 */
export const members = sqliteTable(
  "members",
  {
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    memberType: text("member_type", { enum: ["agent", "visitor"] }).notNull(),
    memberId: text("member_id").notNull(),
    role: text("role", { enum: ["admin", "member"] }).notNull().default("member"),
    readSeq: integer("read_seq").notNull().default(0),
    /** "Delete for me": messages up to this seq are hidden from this member. */
    hiddenThroughSeq: integer("hidden_through_seq").notNull().default(0),
    /**
     * When the member hid the chat (SPEC §4.10 soft-delete); it stays out of their list until a
     * message after `hidden_through_seq` arrives. Null while not hidden.
     */
    hiddenAt: integer("hidden_at"),
    /**
     * Team chats: how many of the chat's agent messages count as read for this member (those up to
     * the read cursor or the hide, and their own). Unread is the chat's `agent_messages` minus
     * this, so a report that brings others' messages moves only the chat's row, not every member's
     * (SPEC §2). Written by the chat's ChatSession when it changes: a read, a hide, their own message.
     */
    readCount: integer("read_count").notNull().default(0),
    joinedAt: integer("joined_at").notNull(),
    leftAt: integer("left_at"),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.memberType, t.memberId] }),
    index("members_member").on(t.memberType, t.memberId),
    // The purge's look-up of chats someone hid (src/jobs/purge-team-chats.ts).
    index("members_hidden").on(t.conversationId).where(sql`hidden_at IS NOT NULL`),
  ],
);

export const escalations = sqliteTable(
  "escalations",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    reason: text("reason").notNull(),
    metadata: text("metadata").notNull().default("{}"),
    createdAt: createdAt(),
  },
  (t) => [
    index("escalations_conversation").on(t.conversationId, t.createdAt),
    index("escalations_workspace").on(t.workspaceId, t.createdAt),
  ],
);

/**
 * The report figures of one support conversation (SPEC §11), kept as they happen: its ChatSession
 * writes the row on state changes only (started, first escalation, first human reply, assignee,
 * close, rating), in the batch that already carries the change to D1 (SPEC §2). Days and
 * percentiles are computed from these rows at query time, in the viewer's time zone.
 */
export const conversationFacts = sqliteTable(
  "conversation_facts",
  {
    conversationId: text("conversation_id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    siteId: text("site_id"),
    /** When the conversation entered the agents' list: its first visitor message or escalation. */
    startedAt: integer("started_at"),
    /** Its first escalation; first response and resolution are measured from here. */
    escalatedAt: integer("escalated_at"),
    /** The first agent message at or after `escalated_at`. */
    firstHumanReplyAt: integer("first_human_reply_at"),
    /** The latest close (a reopened conversation that closes again moves it). */
    closedAt: integer("closed_at"),
    /** The last agent who handled it, at close for a closed one: whose figures it is (agent view). */
    assigneeId: text("assignee_id"),
    /** The lobby's state version `assignee_id` and `closed_at` were written for; older writes lose. */
    stateVersion: integer("state_version").notNull().default(0),
    ratingScore: integer("rating_score"),
    ratingComment: text("rating_comment"),
    ratedAt: integer("rated_at"),
  },
  (t) => [
    // The summary's three reads (src/db/queries/report-facts.ts factsFor): still open, closed since
    // the range's start, rated since it; an agent's view filters the same ranges.
    index("conversation_facts_open").on(t.workspaceId, t.startedAt).where(sql`closed_at IS NULL`),
    index("conversation_facts_closed").on(t.workspaceId, t.closedAt),
    index("conversation_facts_rated").on(t.workspaceId, t.ratedAt).where(sql`rated_at IS NOT NULL`),
  ],
);

/**
 * Counters in 15-minute buckets (SPEC §11): messages by sender, socket connections and failed
 * connects, per site and per agent the conversation was assigned to when they were counted ("" for
 * none). Incremented from a conversation's coalesced reports and from connects, never per message
 * (SPEC §2). Fifteen minutes divide every time zone's offset, so any zone's days are whole buckets.
 */
export const reportBuckets = sqliteTable(
  "report_buckets",
  {
    workspaceId: text("workspace_id").notNull(),
    siteId: text("site_id").notNull(),
    agentId: text("agent_id").notNull().default(""),
    /** Start of the bucket, ms since the epoch, a multiple of 15 minutes. */
    bucketStart: integer("bucket_start").notNull(),
    userMessages: integer("user_messages").notNull().default(0),
    agentMessages: integer("agent_messages").notNull().default(0),
    botMessages: integer("bot_messages").notNull().default(0),
    connectionSuccesses: integer("connection_successes").notNull().default(0),
    connectionFailures: integer("connection_failures").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.bucketStart, t.siteId, t.agentId] })],
);

/**
 * The number of the last batch of coalesced index writes (SPEC §2) D1 applied, per workspace lobby
 * (its Durable Object id). A batch whose answer was lost is sent again under the same number; the
 * trigger `index_batches_once` (migrations/0010) then refuses it if it had landed, so each batch
 * applies once (src/objects/agent-lobby/index-writes.ts).
 */
export const indexBatches = sqliteTable("index_batches", {
  lobbyId: text("lobby_id").primaryKey(),
  seq: integer("seq").notNull(),
});
