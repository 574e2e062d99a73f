import { logEvent } from "../../lib/log";
import { chatSessionOf } from "../stubs";
import type { CustomerStore } from "./customer-store";

/**
 * The inactivity sweep (SPEC §4.8) over the lobby's open sessions: the lobby only keeps the
 * earliest deadline and asks; each session decides by its own clock.
 */
export class IdleSweep {
  constructor(private readonly deps: { env: Env; customers: CustomerStore }) {}

  /**
   * Asks each session silent since `before` (ms), at most `limit` at a time, to close if it is
   * idle; one that is not idle yet says when it last showed life. Returns how many it asked.
   */
  async sweep(before: number, limit: number): Promise<number> {
    const { env, customers } = this.deps;
    const silent = customers.silentSince(before, limit);
    await Promise.all(
      silent.map(async (conversationId) => {
        try {
          const answer = await chatSessionOf(env, conversationId).closeIfIdle();
          // Read again after the await: the session's own report may have changed the entry.
          const entry = customers.get(conversationId);
          if (!entry) return;
          if (answer.closed) customers.delete(conversationId);
          else {
            entry.lastActivityAt = Math.max(entry.lastActivityAt, answer.lastActivityAt ?? Date.now());
            customers.put(entry);
          }
        } catch (error) {
          logEvent("error", { where: "lobby.sweepIdle", conversation_id: conversationId, error: String(error) });
        }
      }),
    );
    return silent.length;
  }

  /** When the quietest open session would time out (ms), or null with none open. */
  nextDeadline(timeoutMs: number): number | null {
    const quietest = this.deps.customers.quietestActivity();
    return quietest === null ? null : quietest + timeoutMs;
  }
}
