import { signal } from "@preact/signals";
import type { DashboardEvent } from "@parley/protocol";
import { DEFAULT_MAX_MESSAGE_LENGTH } from "@parley/protocol/limits";
import { DEFAULT_KEEPALIVE_MS } from "@parley/browser/keep-alive";

/** Longest message in code points, and how often an idle socket pings (ms). */
export type ServerLimits = DashboardEvent<"connected">["data"]["limits"];

/** The deployment's limits, as the workspace socket's `connected` frame tells them. */
export const serverLimits = signal<ServerLimits>({ max_message_length: DEFAULT_MAX_MESSAGE_LENGTH, keepalive_ms: DEFAULT_KEEPALIVE_MS });

export function learnLimits(limits: ServerLimits): void {
  serverLimits.value = limits;
}
