import { socketFds } from "./proc";
import { sleep } from "./stats";

/** How long a scenario's server gets to let go of its sockets once the clients closed theirs. */
const RETURN_WAIT_MS = 10_000;
/**
 * A count unchanged this long has settled: what is left is held, not on its way out (wrangler's
 * own pooled connections between its node process and workerd close a while later, at idle).
 */
const SETTLED_MS = 2_000;

/**
 * The server's open sockets after a scenario: polled until back at (or below) where they
 * started, settled above it, or the wait is over; what is left then the report shows.
 */
export async function socketsAfter(pids: () => number[], before: number): Promise<{ total: number; byProcess: Record<string, number> }> {
  const deadline = performance.now() + RETURN_WAIT_MS;
  let now = socketFds(pids());
  let changedAt = performance.now();
  while (now.total > before && performance.now() < deadline && performance.now() - changedAt < SETTLED_MS) {
    await sleep(250);
    const next = socketFds(pids());
    if (next.total !== now.total) changedAt = performance.now();
    now = next;
  }
  return now;
}
