import { Deliveries, paced, percentile, sleep } from "../stats";
import { closeAll, openRoom, runPrefix, SETTLE_MS, warmUp } from "./rooms";
import type { RunResult, Scenario } from "./types";

/**
 * `flood`: one person floods a conversation from several tabs while a polite pair chats in
 * another; the polite pair's p99 without and with the flood. On Parley this runs on a second dev
 * server that keeps wrangler.toml's production limits (5 messages a second after a burst of 30,
 * 5 sockets a person): the flood offers 100 frames a second, the budget takes 5 a second and the
 * rest get `error rate_limited`, which is below the "whole burst of refusals" that closes a socket.
 * The floors have no budget: every flood frame is broadcast.
 */
export const flood: Scenario = {
  name: "flood",
  targets: ["floor", "do-floor", "parley"],
  variants: () => ["flood"],
  async run(_variant, { target, sizes }) {
    const { messages, ratePerS, floodPerS, floodSockets } = sizes.flood;
    const results: RunResult[] = [];
    for (let run = 0; run < sizes.runs; run++) {
      let current = new Deliveries();
      let refused = 0;
      let closedByServer = 0;
      const polite = await openRoom(target, 2, () => current);
      const flooder = await openRoom(target, floodSockets, () => current, () => ({
        onFrame: (text) => {
          if (text.includes('"code":"rate_limited"')) refused++;
        },
        onClose: (code) => {
          if (code !== 1000) closedByServer++;
        },
      }));
      try {
        const prefix = runPrefix();
        await warmUp(target, sizes, [polite, flooder], prefix, (d) => (current = d));

        const chat = async (tag: string): Promise<Deliveries> => {
          const deliveries = new Deliveries();
          current = deliveries;
          const [sender, receiver] = polite.sockets;
          await paced(messages, ratePerS, (i) => {
            const id = `${prefix}-${tag}${i}`;
            deliveries.sent(id, [receiver!.key]);
            sender!.send(id);
          });
          await deliveries.settle(SETTLE_MS);
          return deliveries;
        };
        const quiet = await chat("q");

        let flooding = true;
        let floodSent = 0;
        const floodStarted = performance.now();
        // Every 10 ms, as many frames as the rate owes by now: no drift from timer lateness.
        const floodLoop = (async () => {
          while (flooding) {
            const owed = Math.floor(((performance.now() - floodStarted) * floodPerS) / 1000);
            for (; floodSent < owed; floodSent++) flooder.sockets[floodSent % flooder.sockets.length]!.send(`${prefix}-f${floodSent}`);
            await sleep(10);
          }
        })();
        const loud = await chat("l");
        flooding = false;
        await floodLoop;
        const floodSeconds = (performance.now() - floodStarted) / 1000;

        results.push({
          p50: percentile(loud.latenciesMs, 50),
          p99: percentile(loud.latenciesMs, 99),
          lost: quiet.lost() + loud.lost(),
          duplicated: quiet.duplicated() + loud.duplicated(),
          extra: {
            polite_p50: percentile(quiet.latenciesMs, 50),
            polite_p99: percentile(quiet.latenciesMs, 99),
            polite_p50_flood: percentile(loud.latenciesMs, 50),
            polite_p99_flood: percentile(loud.latenciesMs, 99),
            flood_frames_per_s: floodSent / floodSeconds,
            flood_refused: refused,
            flood_sockets_closed: closedByServer,
          },
        });
      } finally {
        await closeAll([...polite.sockets, ...flooder.sockets]);
      }
    }
    return results;
  },
};
