import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stateDir } from "../state-dir";
import { FLOOR_FRAMES, STORED_FRAMES } from "./floor-frames";
import { openSocket, type OpenOptions } from "./socket";
import type { Room, RoomKind, Target } from "./types";
import { startWranglerDev, stopProcess } from "../../../scripts/lib/wrangler";

const CONFIG = fileURLToPath(new URL("../do-floor/wrangler.toml", import.meta.url));
let rooms = 0;

/**
 * `do-floor`: a minimal hibernatable broadcast Durable Object (test/bench/do-floor/) under the
 * same `wrangler dev` as Parley, so the dev proxy, workerd and the Durable Object runtime cost
 * the same on both sides of the ratio; and `do-log-floor`, its rooms that store each message as
 * Parley's wire format shapes it (and a reply in a "bot" room) and pass that on, served by the
 * same server. The server belongs to `do-floor`:
 * stopping `do-log-floor` leaves it to that.
 */
export async function startDoFloors(port: number, stateOnDisk: boolean): Promise<{ doFloor: Target; doLogFloor: Target }> {
  const persistTo = stateDir("parley-bench-do-floor-", stateOnDisk);
  const dev = await startWranglerDev({ port, persistTo, config: CONFIG });
  const origin = `http://127.0.0.1:${port}`;
  const pids = () => (dev.child.pid ? [dev.child.pid] : []);
  const roomAt = (path: (kind: RoomKind) => string, frames: Pick<OpenOptions, "frame" | "messageId">) => async (kind: RoomKind): Promise<Room> => {
    const url = `ws://127.0.0.1:${port}/${path(kind)}/r${rooms++}`;
    return { connect: (onMessage, hooks) => openSocket({ url, ...frames }, onMessage, hooks) };
  };
  const doFloor: Target = {
    name: "do-floor",
    pids,
    room: roomAt(() => "room", FLOOR_FRAMES),
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
  const doLogFloor: Target = { ...doFloor, name: "do-log-floor", room: roomAt((kind) => (kind === "bot" ? "bot-log-room" : "log-room"), STORED_FRAMES), stop: async () => {} };
  return { doFloor, doLogFloor };
}
