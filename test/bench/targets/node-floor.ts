import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { stopProcess } from "../../../scripts/lib/wrangler";
import { FLOOR_FRAMES } from "./floor-frames";
import { openSocket } from "./socket";
import type { Room, Target } from "./types";

const SERVER = fileURLToPath(new URL("../floor/server.ts", import.meta.url));
let rooms = 0;

/** `floor`: the bare Node `ws` broadcast server, in a child process of its own. */
export async function startNodeFloor(port: number): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", SERVER, String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`floor server exited with ${code}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    name: "floor",
    pids: () => (child.pid ? [child.pid] : []),
    room: async (): Promise<Room> => {
      const url = `ws://127.0.0.1:${port}/room/r${rooms++}`;
      return { connect: (onMessage, hooks) => openSocket({ url, ...FLOOR_FRAMES }, onMessage, hooks) };
    },
    init: async () => {
      const response = await fetch(`${origin}/init`, { method: "POST", body: "{}" });
      if (!response.ok) throw new Error(`floor init: ${response.status}`);
      await response.json();
    },
    stop: () => stopProcess(child),
  };
}
