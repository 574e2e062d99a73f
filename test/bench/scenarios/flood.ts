import { Deliveries, paced, percentile, sleep } from "../stats";
import type { SocketHooks } from "../targets/types";
import { closeAll, openRoom, runPrefix, SETTLE_MS, warmUp, type OpenRoom } from "./rooms";
import type { RunResult, Scenario } from "./types";

/**
 * The flooding person: tabs of one visitor (on Parley from the visitor's one address), each
 * reopened as soon as the server closes it, as an attacker would, so the flood goes on for the
 * whole measured chat instead of ending where the budget first closes its sockets. Reopening pays
 * the upgrade limit per address (SPEC §10) like any reconnect; a refused upgrade is tried again
 * 50 ms later. A frame is sent on a tab that is open, the next one round the tabs.
 */
class Flooder {
  refused = 0;
  closedByServer = 0;
  reopened = 0;
  upgradesRefused = 0;
  sent = 0;
  private open: OpenRoom | null = null;
  private next = 0;
  private stopping = false;

  /** The hooks of tab `index`: refusals counted, a close by the server reopens it. */
  hooks(index: number): SocketHooks {
    return {
      onFrame: (text) => {
        if (text.includes('"code":"rate_limited"')) this.refused++;
      },
      onClose: (code) => {
        if (this.stopping || code === 1000) return;
        this.closedByServer++;
        void this.reopen(index);
      },
    };
  }

  attach(open: OpenRoom): OpenRoom {
    this.open = open;
    return open;
  }

  /** Sends a flood frame on the next open tab; false when none is open. */
  send(id: string): boolean {
    const tabs = this.open!.sockets;
    for (let tried = 0; tried < tabs.length; tried++) {
      const tab = tabs[this.next++ % tabs.length]!;
      if (!tab.isOpen()) continue;
      tab.send(id);
      this.sent++;
      return true;
    }
    return false;
  }

  async close(): Promise<void> {
    this.stopping = true;
    await closeAll(this.open?.sockets ?? []);
  }

  private async reopen(index: number): Promise<void> {
    while (!this.stopping) {
      try {
        const tab = await this.open!.room.connect(() => {}, this.hooks(index));
        if (this.stopping) return void (await tab.close());
        this.open!.sockets[index] = tab;
        this.reopened++;
        return;
      } catch {
        this.upgradesRefused++;
        await sleep(50);
      }
    }
  }
}

/**
 * `flood`: one person floods a conversation from several tabs while a polite pair chats in
 * another; the polite pair's p99 without and with the flood. On Parley this runs on a second dev
 * server that keeps wrangler.toml's production limits (5 messages a second after a burst of 30,
 * 5 sockets a person, 120 upgrades a minute an address): the flood offers 100 frames a second,
 * the budget takes 5 a second and refuses the rest with `error rate_limited`, and once a whole
 * burst was refused it closes the socket (`flooding`), which the flooder reopens (`Flooder`).
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
      const polite = await openRoom(target, 2, () => current);
      const flooder = new Flooder();
      const floodRoom = flooder.attach(await openRoom(target, floodSockets, () => current, (i) => flooder.hooks(i)));
      try {
        const prefix = runPrefix();
        await warmUp(target, sizes, [polite, floodRoom], prefix, (d) => (current = d));

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
        let offered = 0;
        const floodStarted = performance.now();
        // Every 10 ms, as many frames as the rate owes by now: no drift from timer lateness.
        const floodLoop = (async () => {
          while (flooding) {
            const owed = Math.floor(((performance.now() - floodStarted) * floodPerS) / 1000);
            for (; offered < owed; offered++) flooder.send(`${prefix}-f${offered}`);
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
            flood_frames_per_s: flooder.sent / floodSeconds,
            flood_refused: flooder.refused,
            flood_sockets_closed: flooder.closedByServer,
            flood_sockets_reopened: flooder.reopened,
            flood_upgrades_refused: flooder.upgradesRefused,
          },
        });
      } finally {
        await closeAll(polite.sockets);
        await flooder.close();
      }
    }
    return results;
  },
};
