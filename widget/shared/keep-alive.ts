import { DEFAULT_CONNECTION_TIMEOUT_MS, keepAliveIntervalMs } from "@parley/protocol/limits";

/** How often to ping until the server has said how often (session init, dashboard `connected`). */
export const DEFAULT_KEEPALIVE_MS = keepAliveIntervalMs(DEFAULT_CONNECTION_TIMEOUT_MS);
