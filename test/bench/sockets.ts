import { socketFds } from "./proc";
import { sleep } from "./stats";

/** How long a scenario's server gets to let go of its sockets once the clients closed theirs. */
const RETURN_WAIT_MS = 10_000;
/**
 * A count unchanged this long has settled: what is left is held, not on its way out. Longer than
 * the bench client's own idle keep-alive (Node's fetch closes a pooled connection after 4 s idle),
 * so the HTTP connections of a scenario that made requests (`init`) are not counted as held.
 */
const SETTLED_MS = 5_000;

/**
 * The server's open sockets after a scenario (`socketFds`: its own pooled connections left
 * out): polled until back at (or below) where they started, settled above it, or the wait is
 * over; what is left then the report shows.
 */
export async function socketsAfter(pids: () => number[], before: number): Promise<ReturnType<typeof socketFds>> {
  const deadline = performance.now() + RETURN_WAIT_MS;
  let now = socketFds(pids());
  let changedAt = performance.now();
  while (now.open > before && performance.now() < deadline && performance.now() - changedAt < SETTLED_MS) {
    await sleep(250);
    const next = socketFds(pids());
    if (next.open !== now.open) changedAt = performance.now();
    now = next;
  }
  return now;
}
