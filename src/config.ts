/** Numeric settings from wrangler `vars` (SPEC §10), parsed once per use with safe defaults. */
export interface ChatLimits {
  historyLimit: number;
  maxMessageLength: number;
  connectionTimeoutMs: number;
  sessionTimeoutMs: number;
  rateBurst: number;
  ratePerSecond: number;
  visitorTokenTtlSeconds: number;
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

export function chatLimits(env: Env): ChatLimits {
  return {
    historyLimit: Math.floor(positive(env.CHAT_HISTORY_LIMIT, 50)),
    maxMessageLength: Math.floor(positive(env.CHAT_MAX_MESSAGE_LENGTH, 1000)),
    connectionTimeoutMs: positive(env.CHAT_CONNECTION_TIMEOUT, 30) * 1000,
    sessionTimeoutMs: positive(env.CHAT_SESSION_TIMEOUT_MINUTES, 1440) * 60_000,
    rateBurst: positive(env.CHAT_RATE_BURST, 30),
    ratePerSecond: positive(env.CHAT_RATE_PER_SECOND, 5),
    visitorTokenTtlSeconds: positive(env.VISITOR_TOKEN_TTL_SECONDS, 86_400),
  };
}
