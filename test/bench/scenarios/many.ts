import { cpuMsByKind, type ProcessKind } from "../proc";
import { Deliveries, paced, percentile, sleep } from "../stats";
import { closeAll, openRooms, reportsLanded, runPrefix, SETTLE_MS, warmUp } from "./rooms";
import type { RunResult, Scenario } from "./types";

/**
 * `many`: 200 conversations of two sockets; the first sends 20 messages at 10/s in every
 * conversation at once (starts spread over one interval); latency at the other socket. Then
 * capacity: every first socket sends a burst of messages back to back (20 in the full run, as many
 * as it paced; more in the quick run, see options.ts); messages delivered per second from the first
 * send to the last arrival, and the server's CPU over the same span per message delivered
 * (`server_cpu_us_per_message`: its whole process tree, the dev proxy included; Parley's coalesced
 * reports of the burst count where they land before its last arrival, at the full size one per
 * conversation, in its span; `cost` has every report), and that CPU by process
 * (`worker_`, `proxy_`, `node_cpu_us_per_message`, `ProcessKind`: the Worker's runtime, the dev
 * proxy, wrangler's node). The rooms are opened and warmed up once; each run starts once the one
 * before it is quiet and, on Parley, reported.
 *
 * Two variants. `many`: a visitor and the agent who took the conversation, a live chat, each
 * message stored once and passed on; `do-log-floor` stores each message too, as Parley's wire
 * format shapes it, so Parley's capacity has a durable floor that speaks its protocol. `many-bot`:
 * two tabs of one visitor in a conversation the bot answers, each message followed by the bot's
 * reply (two rows, three more frames); `do-log-floor` stores a reply there too.
 */
export const many: Scenario = {
  name: "many",
  targets: ["floor", "do-floor", "do-log-floor", "parley"],
  variants: () => ["many", "many-bot"],
  async run(variant, { target, sizes }) {
    const { rooms: roomCount, messages, ratePerS, burst: burstMessages } = sizes.many;
    const kind = variant === "many-bot" ? "bot" : "human";
    const results: RunResult[] = [];
    let current = new Deliveries();
    const rooms = await openRooms(target, roomCount, 2, () => current, kind);
    try {
      const prefix = runPrefix();
      await warmUp(target, sizes, rooms, prefix, (d) => (current = d));
      for (let run = 0; run < sizes.runs; run++) {
        if (run > 0) await reportsLanded(target, sizes);
        const paced_ = new Deliveries();
        current = paced_;
        await Promise.all(
          rooms.map(async ({ sockets: [sender, receiver] }, r) => {
            await sleep((r / roomCount) * (1000 / ratePerS));
            await paced(messages, ratePerS, (i) => {
              const id = `${prefix}-${run}-p${r}-${i}`;
              paced_.sent(id, [receiver!.key]);
              sender!.send(id);
            });
          }),
        );
        await paced_.settle(SETTLE_MS);

        const burst = new Deliveries();
        current = burst;
        const cpuBefore = cpuMsByKind(target.pids());
        const started = performance.now();
        rooms.forEach(({ sockets: [sender, receiver] }, r) => {
          for (let i = 0; i < burstMessages; i++) {
            const id = `${prefix}-${run}-b${r}-${i}`;
            burst.sent(id, [receiver!.key]);
            sender!.send(id);
          }
        });
        await burst.settle(SETTLE_MS * 2);
        const delivered = burst.latenciesMs.length;
        const cpuAfter = cpuMsByKind(target.pids());
        const usPerMessage = (kinds: ProcessKind[]) =>
          delivered > 0 ? (kinds.reduce((ms, kind) => ms + cpuAfter[kind] - cpuBefore[kind], 0) * 1000) / delivered : 0;
        results.push({
          p50: percentile(paced_.latenciesMs, 50),
          p99: percentile(paced_.latenciesMs, 99),
          lost: paced_.lost() + burst.lost(),
          duplicated: paced_.duplicated() + burst.duplicated(),
          capacity: delivered > 0 ? (delivered / (burst.lastArrivalAt - started)) * 1000 : 0,
          extra: {
            server_cpu_us_per_message: usPerMessage(["worker", "proxy", "node", "other"]),
            worker_cpu_us_per_message: usPerMessage(["worker"]),
            proxy_cpu_us_per_message: usPerMessage(["proxy"]),
            node_cpu_us_per_message: usPerMessage(["node"]),
          },
        });
      }
    } finally {
      await closeAll(rooms.flatMap((room) => room.sockets));
    }
    return results;
  },
};
