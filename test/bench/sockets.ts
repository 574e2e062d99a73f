import { socketFds } from "./proc";
import { sleep } from "./stats";

/** How long a scenario's server gets to let go of its sockets once the clients closed theirs. */
const RETURN_WAIT_MS = 10_000;

/**
 * The server's open sockets after a scenario: polled until back at (or below) where they
 * started, or the wait is over; what is left then is what the scenario leaked.
 */
export async function socketsAfter(pids: () => number[], before: number): Promise<{ total: number; byProcess: Record<string, number> }> {
  const deadline = performance.now() + RETURN_WAIT_MS;
  let now = socketFds(pids());
  while (now.total > before && performance.now() < deadline) {
    await sleep(250);
    now = socketFds(pids());
  }
  return now;
}
