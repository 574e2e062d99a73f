import { Deliveries, paced, percentile } from "../stats";
import { closeAll, openRoom, reportsLanded, runPrefix, SETTLE_MS, warmUp } from "./rooms";
import type { RunResult, Scenario } from "./types";

/**
 * `fanout`: one conversation with 50 sockets; one of them sends 200 messages at 50/s; latency
 * from send to arrival at each of the 49 others. A warm-up message first, so the conversation's
 * first-message work (listing, escalation) is not in the figures; the room is opened once, and
 * each run starts once the one before it is quiet and, on Parley, reported.
 */
export const fanout: Scenario = {
  name: "fanout",
  targets: ["floor", "do-floor", "parley"],
  variants: () => ["fanout"],
  async run(_variant, { target, sizes }) {
    const { sockets, messages, ratePerS } = sizes.fanout;
    const results: RunResult[] = [];
    let current = new Deliveries();
    const room = await openRoom(target, sockets, () => current);
    try {
      const prefix = runPrefix();
      await warmUp(target, sizes, [room], prefix, (d) => (current = d));
      const [sender, ...others] = room.sockets;
      const recipients = others.map((s) => s.key);
      for (let run = 0; run < sizes.runs; run++) {
        if (run > 0) await reportsLanded(target, sizes);
        const measured = new Deliveries();
        current = measured;
        await paced(messages, ratePerS, (i) => {
          const id = `${prefix}-${run}-m${i}`;
          measured.sent(id, recipients);
          sender!.send(id);
        });
        await measured.settle(SETTLE_MS);
        results.push({
          p50: percentile(measured.latenciesMs, 50),
          p99: percentile(measured.latenciesMs, 99),
          lost: measured.lost(),
          duplicated: measured.duplicated(),
        });
      }
    } finally {
      await closeAll(room.sockets);
    }
    return results;
  },
};
