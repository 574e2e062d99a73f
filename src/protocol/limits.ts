/**
 * Limits shared by the worker, the widget and the dashboard. This file imports nothing, so the
 * widget can read it without pulling zod into its bundle.
 */

/** Longest `client_msg_id` a client may choose; enough for a UUID or a ULID with a prefix. */
export const CLIENT_MSG_ID_MAX = 64;

/** SPEC §10's default `CHAT_MAX_MESSAGE_LENGTH`, in code points, until a client hears the deployed one. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 1000;

/** Absolute ceiling on message content; the deployed limit (`CHAT_MAX_MESSAGE_LENGTH`) is lower. */
export const CONTENT_HARD_MAX = 10_000;

/** Largest socket frame the server parses at all, in UTF-16 code units. */
export const FRAME_MAX_CHARS = 48_000;

/**
 * Bounds of `metadata` on a message or escalation: its serialized size in UTF-16 units, how deep
 * objects and arrays nest (the top-level object is depth 1), and how many keys and array items it
 * holds in all. Checked without recursion before anything else reads it.
 */
export const METADATA_MAX_CHARS = 2_000;
export const METADATA_MAX_DEPTH = 5;
export const METADATA_MAX_ENTRIES = 100;

export const ESCALATION_REASON_MAX = 500;

/** Most live sites per workspace: every agent's site list is one unpaged answer. */
export const SITES_PER_WORKSPACE_MAX = 100;

/** Site settings (SPEC §5 sites), in code points: a name for the inbox, the widget's greeting. */
export const SITE_NAME_MAX = 100;
export const SITE_GREETING_MAX = 500;

/** Most allowed origins per site, and the longest one: a 253-character host, scheme and port. */
export const SITE_ORIGINS_MAX = 50;
export const ORIGIN_MAX = 300;

/** SPEC §12: the away message (code points) and how many opening ranges a week of business hours has. */
export const AWAY_MESSAGE_MAX = 500;
export const BUSINESS_HOURS_RANGES_MAX = 28;

/** Longest rating comment (SPEC §11 satisfaction), in code points. */
export const RATING_COMMENT_MAX = 1000;

/** Longest email address (RFC 5321's path limit). */
export const EMAIL_MAX = 254;

/** Longest locale tag (BCP 47, as `Intl` takes it). */
export const LOCALE_MAX = 35;

/**
 * FAQ entries, in code points. A click posts the question as the visitor's message and the answer
 * as the bot's, so neither may be longer than SPEC §10's default message length.
 */
export const FAQ_QUESTION_MAX = 200;
export const FAQ_ANSWER_MAX = 1000;
export const FAQ_KEYWORDS_MAX = 300;

/** Most FAQs one site has: they are the widget's first block, and the bot matches every one per message. */
export const FAQS_PER_SITE_MAX = 50;

/**
 * Length of a password an agent chooses (new agent, invite, password change), in UTF-16 units:
 * the shortest that is not trivially guessed, and the longest worth hashing.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Most messages one resume (`after_seq`) or one history page returns. */
export const PAGE_MAX = 200;

/** Customers per `sessions` page of the dashboard socket: the default, and the most one may ask. */
export const SESSIONS_PAGE = 100;
export const SESSIONS_PAGE_MAX = 500;

/** Most customers one dashboard may view at once (`view_customer`), for the relevant feed. */
export const VIEWED_MAX = 20;

/** Socket subprotocol every client asks for and the server answers with. */
export const SOCKET_PROTOCOL = "parley.v1";

/** Prefix of the subprotocol entry that carries a bearer token (SPEC §4.2). */
export const BEARER_PROTOCOL_PREFIX = "bearer.";

/** Text a client may send as a keep-alive; answered `pong` without waking the object. */
export const PING = "ping";
export const PONG = "pong";

/** The server's default `CHAT_CONNECTION_TIMEOUT` (SPEC §10), in ms, until a client hears the deployed one. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 30_000;

/**
 * How often a client pings an idle socket, in ms: three pings fit in the connection timeout, so
 * one lost ping never gets a live socket closed.
 */
export function keepAliveIntervalMs(connectionTimeoutMs: number): number {
  return Math.max(1_000, Math.floor(connectionTimeoutMs / 3));
}

/** Team chat (SPEC §4.10): a group's name in code points, and most members a group has. */
export const GROUP_NAME_MAX = 80;
export const GROUP_MEMBERS_MAX = 100;

/** Most team chats `GET /api/team/chats` lists (newest activity first). */
export const TEAM_CHATS_MAX = 200;
