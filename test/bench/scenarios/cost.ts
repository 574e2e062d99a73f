import { cpuMs } from "../proc";
import { Deliveries, paced, percentile, sleep } from "../stats";
import type { BenchSocket, Target } from "../targets/types";
import { closeAll, openRoom, REPORTS_LANDED_MS, runPrefix, SETTLE_MS, warmUp } from "./rooms";
import { asParley, type RunResult, type Scenario } from "./types";


/**
 * The server's CPU (ms) over `work` and the report wait after it. Not corrected for idle burn:
 * taking out a sampled idle rate made figures negative (wrangler's background work comes in
 * bursts), so this is an upper bound, and the median of the runs is reported.
 */
async function cpuOf(target: Target, work: () => Promise<void>): Promise<number> {
  const before = cpuMs(target.pids());
  await work();
  await sleep(REPORTS_LANDED_MS);
  return cpuMs(target.pids()) - before;
}

/** `messages` from the first socket to the second at `ratePerS`: the sends' deliveries. */
async function socketPath(sockets: BenchSocket[], prefix: string, messages: number, ratePerS: number, deliveries: Deliveries): Promise<void> {
  const [sender, receiver] = sockets;
  await paced(messages, ratePerS, (i) => {
    const id = `${prefix}-c${i}`;
    deliveries.sent(id, [receiver!.key]);
    sender!.send(id);
  });
  await deliveries.settle(SETTLE_MS);
}

/**
 * `cost`: the whole dev server's CPU per message (user + system time of its process tree, from
 * /proc) over 25 messages at 10/s between two tabs of one conversation,
 * after a warm-up message; on Parley also over the REST path (`POST /api/chat/:id/messages`).
 * D1 rows and lobby calls per message cannot be seen from outside `wrangler dev`: the runner adds
 * them from test/worker/write-cost.test.ts (see write-cost.ts).
 */
export const cost: Scenario = {
  name: "cost",
  targets: ["floor", "do-floor", "parley"],
  variants: () => ["cost"],
  async run(_variant, { target, sizes }) {
    const { messages, ratePerS } = sizes.cost;
    const results: RunResult[] = [];
    for (let run = 0; run < sizes.runs; run++) {
      let current = new Deliveries();
      const room = await openRoom(target, 2, () => current);
      try {
        const prefix = runPrefix();
        await warmUp(target, [room], prefix, (d) => (current = d));
        const measured = new Deliveries();
        current = measured;
        const socketCpuMs = await cpuOf(target, () => socketPath(room.sockets, prefix, messages, ratePerS, measured));
        const extra: Record<string, number> = { cpu_ms_per_message: socketCpuMs / messages };
        if (target.name === "parley") extra.cpu_ms_per_message_rest = (await restPath(target, prefix, messages, ratePerS)) / messages;
        results.push({
          p50: percentile(measured.latenciesMs, 50),
          p99: percentile(measured.latenciesMs, 99),
          lost: measured.lost(),
          duplicated: measured.duplicated(),
          extra,
        });
      } finally {
        await closeAll(room.sockets);
      }
    }
    return results;
  },
};

/** The REST path's CPU (ms) for `messages` posts in a conversation of its own, a tab watching. */
async function restPath(target: Target, prefix: string, messages: number, ratePerS: number): Promise<number> {
  const parley = asParley(target);
  const visitor = await parley.visitor();
  let current = new Deliveries();
  const holder = { key: "" };
  const tab = await parley.tab(visitor, (id) => current.received(holder.key, id));
  holder.key = tab.key;
  const tabKey = tab.key;
  try {
    await parley.postMessage(visitor, `${prefix}-rest-warm`);
    await sleep(REPORTS_LANDED_MS);
    current = new Deliveries();
    const measured = current;
    return await cpuOf(target, async () => {
      const posts: Promise<void>[] = [];
      await paced(messages, ratePerS, (i) => {
        const id = `${prefix}-rest${i}`;
        measured.sent(id, [tabKey]);
        posts.push(parley.postMessage(visitor, id));
      });
      await Promise.all(posts);
      await measured.settle(SETTLE_MS);
    });
  } finally {
    await tab.close();
  }
}
