import { env } from "cloudflare:workers";

/** What befalls a D1 call: never reaching D1, reaching it with its answer lost, or going untouched. */
export type Failure = "unreachable" | "answer lost" | "through";

/**
 * Makes the D1 calls whose statements or bindings contain `matching` (by default the index
 * statements of index-writes.test.ts, which make up the lobby's batch) fail as a network failure
 * would, `times` times, or each in turn as a list says: D1 never has them ("unreachable"), or has
 * applied them when the answer is lost ("answer lost"); "through" lets one go; each after `delayMs`
 * (a slow network, for what happens meanwhile). `error` is what the caller sees. Every D1 call
 * of the isolate, objects included, goes through the session's `_send` (see cost-meter.ts);
 * `calls` counts those that matched (with "through" and a large `times`, a count of the calls
 * alone); `restore` puts it back.
 */
export function failD1Calls(options: { how: Failure | Failure[]; matching?: string; times?: number; error?: string; delayMs?: number }) {
  const { how, matching = "UPDATE conversations SET last_seq", error = "Network connection lost." } = options;
  const times = options.times ?? (Array.isArray(how) ? how.length : 1);
  const session = Object.getPrototypeOf(env.DB.withSession()) as { _send: (...args: unknown[]) => Promise<unknown> };
  const send = session._send;
  let seen = 0;
  let failed = 0;
  session._send = async function failing(this: unknown, ...args: unknown[]) {
    if (seen >= times || !JSON.stringify(args).includes(matching)) return send.apply(this, args);
    const now = Array.isArray(how) ? how[seen] : how;
    seen++;
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (now === "through") return send.apply(this, args);
    failed++;
    if (now === "answer lost") await send.apply(this, args);
    throw new Error(error);
  };
  return {
    failed: () => failed,
    calls: () => seen,
    restore: () => void (session._send = send),
  };
}
