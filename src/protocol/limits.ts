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
