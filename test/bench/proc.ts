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
  let ticks = 0;
  for (const root of roots) for (const pid of processTree(root)) ticks += readStat(pid)?.ticks ?? 0;
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
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

/** Open socket file descriptors of the tree under each root, per process command name. */
export function socketFds(roots: number[]): { total: number; byProcess: Record<string, number> } {
  const byProcess: Record<string, number> = {};
  let total = 0;
  for (const root of roots) {
    for (const pid of processTree(root)) {
      let count = 0;
      try {
        for (const fd of readdirSync(`/proc/${pid}/fd`)) {
          try {
            if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:")) count++;
          } catch {
            // Closed while we looked.
          }
        }
      } catch {
        continue;
      }
      const name = `${commandName(pid)}:${pid}`;
      byProcess[name] = count;
      total += count;
    }
  }
  return { total, byProcess };
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}
