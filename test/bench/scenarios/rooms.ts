import type { Sizes } from "../options";
import { waitForQuiet } from "../proc";
import { Deliveries, pool, sleep } from "../stats";
import type { BenchSocket, Room, RoomKind, SocketHooks, Target } from "../targets/types";

/** How many sockets connect at once while a scenario sets up (not timed). */
export const CONNECT_CONCURRENCY = 20;
/** How long a run waits for its last deliveries before counting the rest lost. */
export const SETTLE_MS = 15_000;
/**
 * After the last delivery, Parley's coalesced reports of it have landed in this time (ms: D1's
 * window, the longer of the two, and the lobby's gathering of D1 writes): CPU measured over a
 * run waits this long so it includes them.
 */
export function reportsLandedMs({ windows }: Sizes): number {
  return (windows.index + windows.flush) * 1000 + 500;
}

let runs = 0;
/** Message ids unique across the whole bench: `r<run>-<tag>-<n>`. */
export function runPrefix(): string {
  return `r${runs++}`;
}

export interface OpenRoom {
  room: Room;
  sockets: BenchSocket[];
}

/**
 * A new room with `count` sockets, each reporting what it receives to `deliveries` (as the
 * current one: a warm-up and the measured part of a run use different `Deliveries`). A "bot"
 * room unless `kind` says otherwise.
 */
export async function openRoom(
  target: Target,
  count: number,
  deliveries: () => Deliveries,
  hooks?: (index: number) => SocketHooks,
  kind: RoomKind = "bot",
): Promise<OpenRoom> {
  const room = await target.room(kind);
  const sockets: BenchSocket[] = [];
  for (let i = 0; i < count; i++) {
    const holder: { key?: string } = {};
    const socket = await room.connect((id) => deliveries().received(holder.key!, id), hooks?.(i));
    holder.key = socket.key;
    sockets.push(socket);
  }
  return { room, sockets };
}

/** Opens `rooms` rooms of `perRoom` sockets, `CONNECT_CONCURRENCY` rooms at a time. */
export function openRooms(target: Target, rooms: number, perRoom: number, deliveries: () => Deliveries, kind: RoomKind): Promise<OpenRoom[]> {
  return pool(rooms, CONNECT_CONCURRENCY, () => openRoom(target, perRoom, deliveries, undefined, kind));
}

/**
 * Sends one message from the first socket of every room and waits for it everywhere, then, on
 * Parley, for the coalesced reports it set off (due up to a window later, `reportsLandedMs`),
 * then for the server to go quiet: sets up each room's state (for Parley, a new session reported
 * to the lobby and D1), so what is measured next is the message path and its own reports, not
 * that setup. (Without the wait, the setup's reports and the lobby's D1 batch of 30 rooms landed
 * in the quick run's one-second paced part: its p99 was 3.7-8.4 ms in five runs, 1.8-2.4 with it.)
 */
export async function warmUp(target: Target, sizes: Sizes, rooms: OpenRoom[], prefix: string, swap: (d: Deliveries) => void): Promise<void> {
  const warm = new Deliveries();
  swap(warm);
  rooms.forEach(({ sockets }, i) => {
    const id = `${prefix}-warm-${i}`;
    warm.sent(id, sockets.slice(1).map((s) => s.key));
    sockets[0]!.send(id);
  });
  await warm.settle(SETTLE_MS);
  if (warm.lost() > 0) throw new Error(`warm-up: ${warm.lost()} deliveries missing`);
  await reportsLanded(target, sizes);
}

/** Waits until, on Parley, the coalesced reports of what was sent so far have landed, and the server is quiet. */
export async function reportsLanded(target: Target, sizes: Sizes): Promise<void> {
  if (target.name === "parley") await sleep(reportsLandedMs(sizes));
  await waitForQuiet(target.pids());
}

export async function closeAll(sockets: readonly BenchSocket[]): Promise<void> {
  await pool(sockets.length, 100, (i) => sockets[i]!.close());
}
