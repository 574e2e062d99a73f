import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stateDir } from "../state-dir";
import { FLOOR_FRAMES } from "./floor-frames";
import { openSocket } from "./socket";
import type { Room, Target } from "./types";
import { startWranglerDev, stopProcess } from "../../../scripts/lib/wrangler";

const CONFIG = fileURLToPath(new URL("../do-floor/wrangler.toml", import.meta.url));
let rooms = 0;

/**
 * `do-floor`: a minimal hibernatable broadcast Durable Object (test/bench/do-floor/) under the
 * same `wrangler dev` as Parley, so the dev proxy, workerd and the Durable Object runtime cost
 * the same on both sides of the ratio.
 */
export async function startDoFloor(port: number, stateOnDisk: boolean): Promise<Target> {
  const persistTo = stateDir("parley-bench-do-floor-", stateOnDisk);
  const dev = await startWranglerDev({ port, persistTo, config: CONFIG });
  const origin = `http://127.0.0.1:${port}`;
  return {
    name: "do-floor",
    pids: () => (dev.child.pid ? [dev.child.pid] : []),
    room: async (): Promise<Room> => {
      const url = `ws://127.0.0.1:${port}/room/r${rooms++}`;
      return { connect: (onMessage, hooks) => openSocket({ url, ...FLOOR_FRAMES }, onMessage, hooks) };
    },
    init: async () => {
      const response = await fetch(`${origin}/init`, { method: "POST", body: "{}" });
      if (!response.ok) throw new Error(`do-floor init: ${response.status}`);
      await response.json();
    },
    stop: async () => {
      await stopProcess(dev.child);
      // wrangler bundles into .wrangler/ beside the config; it is ignored by git, but leave nothing.
      rmSync(join(dirname(CONFIG), ".wrangler"), { recursive: true, force: true });
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
