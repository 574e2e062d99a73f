import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * What a server costs, read from Linux's /proc: CPU time and open sockets of a process and all
 * its descendants (for `wrangler dev`: the wrangler node processes, the proxy workerd and the
 * user workerd). Everything is best effort: a process may exit between two reads.
 */

/** Kernel clock ticks per second (`getconf CLK_TCK`): 100 on every Linux we run on. */
const CLOCK_TICKS_PER_S = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU time (user + system, ms) used so far by the tree under each root. */
export function cpuMs(roots: number[]): number {
  const byKind = cpuMsByKind(roots);
  return byKind.worker + byKind.proxy + byKind.node + byKind.other;
}

/**
 * What a process of a server is: `worker`, the workerd that runs the Worker and its Durable
 * Objects (miniflare starts it with an inspector); `proxy`, the dev proxy's workerd, which every
 * client request and frame passes; `node`, wrangler's node processes (or the Node floor's server);
 * `other` (esbuild watching the bundle).
 */
export type ProcessKind = "worker" | "proxy" | "node" | "other";

function kindOf(pid: number): ProcessKind {
  const name = commandName(pid);
  if (name === "node") return "node";
  if (name !== "workerd") return "other";
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--inspector-addr") ? "worker" : "proxy";
  } catch {
    return "other";
  }
}

/** CPU time (user + system, ms) used so far by the trees under `roots`, by kind of process. */
export function cpuMsByKind(roots: number[]): Record<ProcessKind, number> {
  const ms: Record<ProcessKind, number> = { worker: 0, proxy: 0, node: 0, other: 0 };
  for (const root of roots) {
    for (const pid of processTree(root)) ms[kindOf(pid)] += ((readStat(pid)?.ticks ?? 0) * 1000) / CLOCK_TICKS_PER_S;
  }
  return ms;
}

/**
 * Waits until the trees under `roots` have been idle for one `windowMs` (under a tenth of a core),
 * or `maxMs` passed: what a setup step set off (a new conversation's reports, its lobby entry)
 * is done before a scenario starts measuring. Returns whether it went quiet.
 */
export async function waitForQuiet(roots: number[], windowMs = 300, maxMs = 10_000): Promise<boolean> {
  const deadline = performance.now() + maxMs;
  let before = cpuMs(roots);
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = cpuMs(roots);
    if (now - before < windowMs / 10) return true;
    before = now;
  }
  return false;
}

/**
 * Open sockets of the trees under `roots`. `open` leaves out `internal`: TCP connections between
 * two processes of the same tree (wrangler's node process and its workerd keep a pool of these
 * that grows under load and closes at idle: wrangler's, not what the server holds for clients).
 * `byProcess` counts every socket, per process command name.
 */
export function socketFds(roots: number[]): { open: number; internal: number; byProcess: Record<string, number> } {
  const byProcess: Record<string, number> = {};
  const inodes = new Set<string>();
  const pids = new Set(roots.flatMap((root) => processTree(root)));
  for (const pid of pids) {
    let count = 0;
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
          if (!link.startsWith("socket:[")) continue;
          inodes.add(link.slice(8, -1));
          count++;
        } catch {
          // Closed while we looked.
        }
      }
    } catch {
      continue;
    }
    byProcess[`${commandName(pid)}:${pid}`] = count;
  }
  const tcp = tcpSockets();
  const ours = [...inodes].map((inode) => tcp.get(inode));
  const locals = new Set(ours.map((socket) => socket?.local));
  const internal = ours.filter((socket) => socket !== undefined && locals.has(socket.remote)).length;
  return { open: inodes.size - internal, internal, byProcess };
}

/**
 * The TCP sockets of this network namespace by inode, their endpoints as /proc/net writes them
 * ("HEXADDR:HEXPORT"), IPv4-mapped IPv6 addresses written as IPv4: the accepting end of a
 * connection to a dual-stack listener is listed in tcp6, its connecting end in tcp.
 */
function tcpSockets(): Map<string, { local: string; remote: string }> {
  const sockets = new Map<string, { local: string; remote: string }>();
  const ipv4Mapped = /^0{16}FFFF0{4}([0-9A-F]{8}):/;
  const endpoint = (text: string) => text.replace(ipv4Mapped, "$1:");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode, …
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9) sockets.set(fields[9]!, { local: endpoint(fields[1]!), remote: endpoint(fields[2]!) });
    }
  }
  return sockets;
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}
