import { cpuMs, waitForQuiet } from "../proc";
import { Deliveries, paced, percentile, sleep } from "../stats";
import type { ParleyTarget, Visitor } from "../targets/parley";
import type { BenchSocket, Target } from "../targets/types";
import { closeAll, openRoom, reportsLandedMs, runPrefix, SETTLE_MS, warmUp } from "./rooms";
import { asParley, type RunResult, type Scenario } from "./types";


/**
 * The server's CPU (ms) over `work` and the report wait after it. Not corrected for idle burn:
 * taking out a sampled idle rate made figures negative (wrangler's background work comes in
 * bursts), so this is an upper bound, and the median of the runs is reported.
 */
async function cpuOf(target: Target, landedMs: number, work: () => Promise<void>): Promise<number> {
  const before = cpuMs(target.pids());
  await work();
  await sleep(landedMs);
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
    const landedMs = reportsLandedMs(sizes);
    const results: RunResult[] = [];
    let current = new Deliveries();
    const room = await openRoom(target, 2, () => current);
    const rest = target.name === "parley" ? await RestConversation.open(target) : null;
    try {
      const prefix = runPrefix();
      // Warmed up before the room's warm-up, whose wait then covers the reports of both.
      await rest?.post(`${prefix}-rest-warm`);
      await warmUp(target, sizes, [room], prefix, (d) => (current = d));
      for (let run = 0; run < sizes.runs; run++) {
        // Each measure waits for its reports to land, so the next starts on a quiet server.
        if (run > 0) await waitForQuiet(target.pids());
        const measured = new Deliveries();
        current = measured;
        const socketCpuMs = await cpuOf(target, landedMs, () => socketPath(room.sockets, `${prefix}-${run}`, messages, ratePerS, measured));
        const extra: Record<string, number> = { cpu_ms_per_message: socketCpuMs / messages };
        if (rest) {
          await waitForQuiet(target.pids());
          extra.cpu_ms_per_message_rest = (await cpuOf(target, landedMs, () => rest.posts(`${prefix}-${run}`, messages, ratePerS))) / messages;
        }
        results.push({
          p50: percentile(measured.latenciesMs, 50),
          p99: percentile(measured.latenciesMs, 99),
          lost: measured.lost(),
          duplicated: measured.duplicated(),
          extra,
        });
      }
    } finally {
      await closeAll(room.sockets);
      await rest?.close();
    }
    return results;
  },
};

/** The REST path on Parley: `POST /api/chat/:id/messages` in a conversation of its own, a tab watching. */
class RestConversation {
  private deliveries = new Deliveries();

  private constructor(
    private readonly parley: ParleyTarget,
    private readonly visitor: Visitor,
    private readonly tab: BenchSocket,
  ) {}

  static async open(target: Target): Promise<RestConversation> {
    const parley = asParley(target);
    const visitor = await parley.visitor();
    const holder: { rest?: RestConversation } = {};
    const tab = await parley.tab(visitor, (id) => holder.rest!.deliveries.received(tab.key, id));
    holder.rest = new RestConversation(parley, visitor, tab);
    return holder.rest;
  }

  post(id: string): Promise<void> {
    return this.parley.postMessage(this.visitor, id);
  }

  /** `messages` posts at `ratePerS`, resolved once the tab has every one. */
  async posts(prefix: string, messages: number, ratePerS: number): Promise<void> {
    const measured = new Deliveries();
    this.deliveries = measured;
    const posts: Promise<void>[] = [];
    await paced(messages, ratePerS, (i) => {
      const id = `${prefix}-rest${i}`;
      measured.sent(id, [this.tab.key]);
      posts.push(this.post(id));
    });
    await Promise.all(posts);
    await measured.settle(SETTLE_MS);
  }

  close(): Promise<void> {
    return this.tab.close();
  }
}
