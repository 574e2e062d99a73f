import { DEFAULT_INDEX_FLUSH_MS, DEFAULT_INDEX_WINDOW_MS, DEFAULT_REPORT_WINDOW_MS } from "./objects/chat-session/report-windows";
import { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_MAX_MESSAGE_LENGTH, keepAliveIntervalMs } from "./protocol/limits";

/** Numeric settings from wrangler `vars` (SPEC §10), parsed once per use with the SPEC's defaults. */
export interface ChatLimits {
  historyLimit: number;
  /** In code points. */
  maxMessageLength: number;
  /** A socket silent this long (ms) is closed at the next sweep. */
  connectionTimeoutMs: number;
  /** How often (ms) an object with open sockets sweeps out silent and signed-out ones. */
  sweepMs: number;
  /** What clients are told to ping at, in ms: a third of the connection timeout. */
  keepAliveMs: number;
  sessionTimeoutMs: number;
  /** The message budget of one person in one conversation: a token bucket. */
  rateBurst: number;
  ratePerSecond: number;
  /** Sockets one person may hold on one conversation (or one agent on the dashboard). */
  maxSocketsPerPerson: number;
  maxSocketsPerConversation: number;
  visitorTokenTtlSeconds: number;
  /** How far the copies of a conversation may lag behind its log (ms, SPEC §2): see report-windows.ts. */
  reportWindowMs: number;
  indexWindowMs: number;
  indexFlushMs: number;
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

export function chatLimits(env: Env): ChatLimits {
  const connectionTimeoutMs = positive(env.CHAT_CONNECTION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT_MS / 1000) * 1000;
  return {
    historyLimit: Math.floor(positive(env.CHAT_HISTORY_LIMIT, 50)),
    maxMessageLength: Math.floor(positive(env.CHAT_MAX_MESSAGE_LENGTH, DEFAULT_MAX_MESSAGE_LENGTH)),
    connectionTimeoutMs,
    sweepMs: positive(env.CHAT_SWEEP_SECONDS, 300) * 1000,
    keepAliveMs: keepAliveIntervalMs(connectionTimeoutMs),
    sessionTimeoutMs: positive(env.CHAT_SESSION_TIMEOUT_MINUTES, 1440) * 60_000,
    rateBurst: positive(env.CHAT_RATE_BURST, 30),
    ratePerSecond: positive(env.CHAT_RATE_PER_SECOND, 5),
    maxSocketsPerPerson: Math.floor(positive(env.CHAT_MAX_SOCKETS_PER_PERSON, 5)),
    maxSocketsPerConversation: Math.floor(positive(env.CHAT_MAX_SOCKETS_PER_CONVERSATION, 50)),
    visitorTokenTtlSeconds: positive(env.VISITOR_TOKEN_TTL_SECONDS, 86_400),
    reportWindowMs: positive(env.CHAT_REPORT_WINDOW_SECONDS, DEFAULT_REPORT_WINDOW_MS / 1000) * 1000,
    indexWindowMs: positive(env.CHAT_INDEX_WINDOW_SECONDS, DEFAULT_INDEX_WINDOW_MS / 1000) * 1000,
    indexFlushMs: positive(env.CHAT_INDEX_FLUSH_SECONDS, DEFAULT_INDEX_FLUSH_MS / 1000) * 1000,
  };
}
