import { cpuMs } from "../proc";
import { Deliveries, paced, percentile, pool, sleep } from "../stats";
import type { BenchSocket, Target } from "../targets/types";
import { closeAll, CONNECT_CONCURRENCY, reportsLandedMs, runPrefix, SETTLE_MS } from "./rooms";
import { asParley, type RunResult, type Scenario } from "./types";
import { DEMO } from "../../../scripts/lib/demo-data";
import { QUIET_SITE_KEY } from "../seed";

/** Visitors' first messages per second: "100 visitors start sessions and write" over five seconds. */
const VISITORS_PER_S = 20;
/** A visitor's further messages, one a second. */
const FOLLOW_UP_INTERVAL_MS = 1000;

/**
 * The dashboards of one workspace and how a new visitor reaches them. On Parley: dashboard sockets
 * on the relevant feed with batches (as Parley's own dashboard), and a visitor is a session whose first message
 * lists it (`new_session` carries its `session_id`). On the floors: one broadcast room, and a
 * visitor is a socket of that room whose first message is the event.
 */
interface Lobby {
  /** Every frame any dashboard received since the bench started counting. */
  frames: number;
  /** The same, by frame type (Parley only). */
  byType: Map<string, number>;
  dashboards: BenchSocket[];
  visitor(index: number, prefix: string, deliveries: () => Deliveries): Promise<{ socket: BenchSocket; eventId: string; send(n: number): void }>;
}

/**
 * `watched`: visitors come to the demo site, whose workspace the dashboards watch; otherwise to
 * the bench's quiet workspace, which no dashboard watches.
 */
async function parleyLobby(target: Target, count: number, deliveries: () => Deliveries, watched: boolean): Promise<Lobby> {
  const parley = asParley(target);
  const siteKey = watched ? DEMO.siteKey : QUIET_SITE_KEY;
  const agents = parley.seed.dashboardAgents;
  const lobby: Lobby = {
    frames: 0,
    byType: new Map(),
    dashboards: [],
    async visitor(index, prefix) {
      const visitor = await parley.visitor(siteKey);
      const socket = await parley.tab(visitor, () => {});
      return { socket, eventId: visitor.session_id, send: (n) => socket.send(`${prefix}-v${index}-${n}`) };
    },
  };
  lobby.dashboards = await pool(count, CONNECT_CONCURRENCY, async (i) => {
    const holder: { key?: string } = {};
    const socket = await parley.dashboard(agents[i % agents.length]!.cookie, (text) => {
      // A batch is counted as the frames it carries: the figure is per event per recipient.
      const frames: string[] = text.startsWith('{"type":"batch"')
        ? (JSON.parse(text) as { data: { frames: unknown[] } }).data.frames.map((frame) => JSON.stringify(frame))
        : [text];
      for (const one of frames) {
        lobby.frames++;
        // Frames start `{"type":"…"`: which events cost the dashboards their frames.
        const type = one.slice(9, one.indexOf('"', 9));
        lobby.byType.set(type, (lobby.byType.get(type) ?? 0) + 1);
        if (!one.startsWith('{"type":"new_session"')) continue;
        const frame = JSON.parse(one) as { data: { customer: { session_id: string } } };
        deliveries().received(holder.key!, frame.data.customer.session_id);
      }
    });
    holder.key = socket.key;
    socket.sendRaw(JSON.stringify({ type: "set_feed", data: { messages: "relevant", batch: true } }));
    return socket;
  });
  return lobby;
}

async function floorLobby(target: Target, count: number, deliveries: () => Deliveries): Promise<Lobby> {
  const room = await target.room("human");
  const lobby: Lobby = {
    frames: 0,
    byType: new Map(),
    dashboards: [],
    async visitor(index, prefix) {
      const socket = await room.connect(() => {});
      const eventId = `${prefix}-v${index}-0`;
      return { socket, eventId, send: (n) => socket.send(`${prefix}-v${index}-${n}`) };
    },
  };
  lobby.dashboards = await pool(count, CONNECT_CONCURRENCY, async () => {
    const holder: { key?: string } = {};
    const socket = await room.connect((id) => deliveries().received(holder.key!, id), { onFrame: () => lobby.frames++ });
    holder.key = socket.key;
    return socket;
  });
  return lobby;
}

/** One wave of visitors: the CPU it cost the server and what the dashboards saw. */
async function wave(target: Target, landedMs: number, lobby: Lobby, visitors: number, messagesPerVisitor: number, current: { d: Deliveries }) {
  const prefix = runPrefix();
  const deliveries = new Deliveries();
  current.d = deliveries;
  const people = await pool(visitors, CONNECT_CONCURRENCY, (i) => lobby.visitor(i, prefix, () => current.d));
  const recipients = lobby.dashboards.map((d) => d.key);
  const framesBefore = lobby.frames;
  const typesBefore = new Map(lobby.byType);
  const cpuBefore = cpuMs(target.pids());
  const started = performance.now();
  const followUps: Promise<void>[] = [];
  await paced(visitors, VISITORS_PER_S, (i) => {
    const person = people[i]!;
    deliveries.sent(person.eventId, recipients);
    person.send(0);
    followUps.push(paced(messagesPerVisitor, 1000 / FOLLOW_UP_INTERVAL_MS, (n) => n > 0 && person.send(n)));
  });
  await Promise.all(followUps);
  await deliveries.settle(SETTLE_MS);
  // The floors report nothing; both waves of a pair wait alike, so the wait cancels out of the difference.
  if (target.name === "parley") await sleep(landedMs);
  const result = {
    cpuMs: cpuMs(target.pids()) - cpuBefore,
    wallMs: performance.now() - started,
    frames: lobby.frames - framesBefore,
    byType: Object.fromEntries([...lobby.byType].map(([type, n]) => [`frames_${type}`, n - (typesBefore.get(type) ?? 0)])),
    deliveries,
  };
  await closeAll(people.map((p) => p.socket));
  return result;
}

/**
 * `dashboards-N`: N dashboard sockets while visitors start sessions and write. Latency: from a
 * visitor's first message until every dashboard has the session, per visitor (p50/p99 over
 * visitors). CPU per event per recipient: the server's CPU during the wave minus that of the same
 * wave where no dashboard watches (on Parley the quiet workspace's site, on the floors a room of
 * its own), run just before it with the dashboards connected and idle, over the frames the
 * dashboards received: pairs of waves side by side, so the machine's drift and the idle
 * dashboards' own cost fall out of the difference.
 */
export const dashboards: Scenario = {
  name: "dashboards",
  targets: ["floor", "do-floor", "parley"],
  variants: (sizes) => sizes.dashboards.counts.map((count) => `dashboards-${count}`),
  async run(variant, { target, sizes, log }) {
    const count = Number(variant.split("-")[1]);
    const { visitors, messagesPerVisitor } = sizes.dashboards;
    const current = { d: new Deliveries() };
    const open = target.name === "parley" ? parleyLobby : floorLobby;

    const connectStarted = performance.now();
    const empty = await open(target, 0, () => current.d, false);
    const lobby = await open(target, count, () => current.d, true);
    log(`  ${target.name} ${variant}: ${count} dashboards connected in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`);
    const results: RunResult[] = [];
    try {
      // A first wave of each warms the server up (new objects, compiled code) and is not counted;
      // after the first variant the unwatched workspace is warm already.
      if (count === sizes.dashboards.counts[0]) await wave(target, reportsLandedMs(sizes), empty, visitors, messagesPerVisitor, current);
      await wave(target, reportsLandedMs(sizes), lobby, visitors, messagesPerVisitor, current);
      for (let run = 0; run < sizes.runs; run++) {
        const unwatched = await wave(target, reportsLandedMs(sizes), empty, visitors, messagesPerVisitor, current);
        const measured = await wave(target, reportsLandedMs(sizes), lobby, visitors, messagesPerVisitor, current);
        log(`  ${target.name} ${variant}: wave ${run + 1} ${measured.cpuMs.toFixed(0)} ms CPU, unwatched ${unwatched.cpuMs.toFixed(0)} ms`);
        const perVisitor = [...measured.deliveries.lastMsById.values()];
        const expected = measured.deliveries.expectedTotal();
        results.push({
          p50: percentile(perVisitor, 50),
          p99: percentile(perVisitor, 99),
          lost: measured.deliveries.lost(),
          duplicated: measured.deliveries.duplicated(),
          extra: {
            events_expected: expected,
            events_delivered: measured.deliveries.latenciesMs.length,
            frames_to_dashboards: measured.frames,
            cpu_us_per_event_per_recipient: measured.frames > 0 ? ((measured.cpuMs - unwatched.cpuMs) * 1000) / measured.frames : 0,
            delivery_p99: percentile(measured.deliveries.latenciesMs, 99),
            ...measured.byType,
          },
        });
      }
    } finally {
      await closeAll(lobby.dashboards);
    }
    return results;
  },
};
