/**
 * `npm run bench [-- --quick] [-- --json] [-- --only fanout,many] [-- --disk]`: what to run, how
 * big, and where the servers keep their local state (in memory unless `--disk`, see state-dir.ts).
 * `--quick` keeps every scenario target that a goal judges but shrinks counts and Parley's report
 * windows (under five minutes on 2 cores, as issue 8 asks; most of it waits for coalesced reports
 * to land, `reportsLandedMs`); sizes below are the for the full run.
 */
export interface Sizes {
  runs: number;
  fanout: { sockets: number; messages: number; ratePerS: number };
  /** `burst`: messages per room in the capacity burst, sent back to back after the paced part. */
  many: { rooms: number; messages: number; ratePerS: number; burst: number };
  dashboards: { counts: number[]; visitors: number; messagesPerVisitor: number };
  init: { count: number; concurrency: number };
  inbox: { sizes: number[]; requests: number; deepShare: number };
  cost: { messages: number; ratePerS: number };
  flood: { messages: number; ratePerS: number; floodPerS: number; floodSockets: number };
  /**
   * Parley's report windows (s): the `CHAT_REPORT_WINDOW_SECONDS`, `CHAT_INDEX_WINDOW_SECONDS` and
   * `CHAT_INDEX_FLUSH_SECONDS` vars it runs with. The full run keeps production's; the quick
   * run's are shorter, so that its waits for coalesced reports to land are, but not so short that
   * a report falls in each paced second of `many` (0.5 s made its p99 11 ms against 7 ms).
   */
  windows: { report: number; index: number; flush: number };
  /** The windows test/worker/write-cost.test.ts runs with (s), as the servers start: shorter still in the quick run. */
  costTestWindows: { report: number; index: number; flush: number };
  /** Whether the bare Node `ws` floor runs: it is judged by no goal, and the quick run leaves it out. */
  nodeFloor: boolean;
}

const FULL: Sizes = {
  runs: 3,
  fanout: { sockets: 50, messages: 200, ratePerS: 50 },
  many: { rooms: 200, messages: 20, ratePerS: 10, burst: 20 },
  dashboards: { counts: [300, 1000], visitors: 100, messagesPerVisitor: 3 },
  init: { count: 1000, concurrency: 20 },
  inbox: { sizes: [1_000, 100_000], requests: 40, deepShare: 0.9 },
  cost: { messages: 25, ratePerS: 10 },
  flood: { messages: 40, ratePerS: 4, floodPerS: 100, floodSockets: 5 },
  windows: { report: 2, index: 5, flush: 1 },
  costTestWindows: { report: 2, index: 5, flush: 1 },
  nodeFloor: true,
};

const QUICK: Sizes = {
  runs: 3,
  fanout: { sockets: 25, messages: 60, ratePerS: 50 },
  // 3,000 messages in the burst: 300 were over in 30-60 ms, where one pause moved the figure by half.
  many: { rooms: 30, messages: 10, ratePerS: 10, burst: 100 },
  dashboards: { counts: [300, 1000], visitors: 10, messagesPerVisitor: 1 },
  init: { count: 100, concurrency: 20 },
  inbox: { sizes: [1_000, 100_000], requests: 15, deepShare: 0.2 },
  cost: { messages: 25, ratePerS: 25 },
  flood: { messages: 15, ratePerS: 10, floodPerS: 100, floodSockets: 5 },
  windows: { report: 1, index: 1, flush: 0.5 },
  costTestWindows: { report: 0.5, index: 1, flush: 0.25 },
  nodeFloor: false,
};

export const SCENARIOS = ["fanout", "many", "dashboards", "init", "inbox", "cost", "flood"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Options {
  quick: boolean;
  json: boolean;
  stateOnDisk: boolean;
  only: Set<ScenarioName>;
  sizes: Sizes;
}

export function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes("--quick");
  const json = argv.includes("--json");
  const onlyAt = argv.indexOf("--only");
  const names = onlyAt >= 0 ? (argv[onlyAt + 1] ?? "").split(",").map((name) => name.trim().replace(/-\d+.*$/, "")) : [...SCENARIOS];
  const only = new Set<ScenarioName>();
  for (const name of names) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario "${name}" (have ${SCENARIOS.join(", ")})`);
    only.add(name as ScenarioName);
  }
  return { quick, json, stateOnDisk: argv.includes("--disk"), only, sizes: quick ? QUICK : FULL };
}
