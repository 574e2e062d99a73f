import { parseOptions, type ScenarioName } from "../test/bench/options";
import { judgeGoals, goalsTable } from "../test/bench/goals";
import { freePortPair } from "../test/bench/ports";
import { socketFds } from "../test/bench/proc";
import { aggregate, figures, find, mainTable } from "../test/bench/report";
import { socketsAfter } from "../test/bench/sockets";
import { cost } from "../test/bench/scenarios/cost";
import { dashboards } from "../test/bench/scenarios/dashboards";
import { fanout } from "../test/bench/scenarios/fanout";
import { flood } from "../test/bench/scenarios/flood";
import { inbox } from "../test/bench/scenarios/inbox";
import { init } from "../test/bench/scenarios/init";
import { many } from "../test/bench/scenarios/many";
import type { Row, Scenario } from "../test/bench/scenarios/types";
import { startDoFloors } from "../test/bench/targets/do-floor";
import { startNodeFloor } from "../test/bench/targets/node-floor";
import { BENCH_LIMITS, ParleyTarget, windowVars } from "../test/bench/targets/parley";
import type { Target, TargetName } from "../test/bench/targets/types";
import { runWriteCost, type PathCost, type WriteCost } from "../test/bench/write-cost";

/**
 * `npm run bench [-- --quick] [-- --json] [-- --only fanout,many] [-- --disk]`: Parley under
 * `wrangler dev` against floors measured in the same run (a minimal Durable Object broadcast
 * worker under the same wrangler, its sibling that stores each message, and a bare Node `ws`
 * server), scenario by scenario, one target at a time.
 * Ratios to the floors hold on a busy machine where absolute numbers do not. See README
 * "Performance".
 */
const SCENARIOS: Record<ScenarioName, Scenario> = { fanout, many, dashboards, init, inbox, cost, flood };

const options = parseOptions(process.argv.slice(2));
const log = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
const started = performance.now();
const targets: Target[] = [];

async function stopAll(): Promise<void> {
  await Promise.allSettled(targets.map((target) => target.stop()));
  targets.length = 0;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`\n${signal}: stopping the servers…`);
    void stopAll().then(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const selected = [...options.only].map((name) => SCENARIOS[name]);
  const writeCost: Promise<WriteCost> | null = options.only.has("cost") ? runWriteCost(windowVars(options.sizes.costTestWindows)) : null;
  log(`Starting targets (${options.quick ? "quick" : "full"} run; Parley with --var ${Object.entries({ ...BENCH_LIMITS, ...windowVars(options.sizes.windows) }).map(([k, v]) => `${k}:${v}`).join(" ")})…`);
  // Each target is kept for stopAll as soon as it is up, so one that fails to start stops the others.
  const up = <T extends Target>(target: T): T => (targets.push(target), target);
  const [floor, { doFloor, doLogFloor }, parley, hardened] = await Promise.all([
    options.sizes.nodeFloor ? freePortPair().then(startNodeFloor).then(up) : null,
    freePortPair()
      .then((port) => startDoFloors(port, options.stateOnDisk))
      .then((floors) => (up(floors.doFloor), up(floors.doLogFloor), floors)),
    freePortPair()
      .then((port) => ParleyTarget.start({ port, limits: "bench", inboxSizes: options.only.has("inbox") ? options.sizes.inbox.sizes : [], stateOnDisk: options.stateOnDisk, windows: options.sizes.windows }))
      .then(up),
    // The flood runs against wrangler.toml's own limits, so it gets a Parley of its own.
    options.only.has("flood")
      ? freePortPair()
          .then((port) => ParleyTarget.start({ port, limits: "hardened", inboxSizes: [], stateOnDisk: options.stateOnDisk, windows: options.sizes.windows }))
          .then(up)
      : null,
  ]);
  const byName: Record<TargetName, Target | null> = { floor, "do-floor": doFloor, "do-log-floor": doLogFloor, parley };
  if (writeCost) {
    log("Waiting for test/worker/write-cost.test.ts (D1 rows and lobby calls per message)…");
    await writeCost;
  }
  log(`Targets up in ${((performance.now() - started) / 1000).toFixed(0)} s.`);

  const rows: Row[] = [];
  for (const scenario of selected) {
    for (const variant of scenario.variants(options.sizes)) {
      for (const name of scenario.targets) {
        const target = scenario === flood && name === "parley" ? hardened! : byName[name];
        if (!target) continue;
        const before = socketFds(target.pids());
        const scenarioStarted = performance.now();
        let row: Row;
        try {
          const runs = await scenario.run(variant, { target, sizes: options.sizes, log });
          const after = await socketsAfter(() => target.pids(), before.open);
          row = aggregate(variant, name, runs, { before: before.open, after: after.open });
          if (after.open > before.open) log(`  ${variant} ${name}: sockets did not return: ${JSON.stringify(before.byProcess)} → ${JSON.stringify(after.byProcess)}`);
        } catch (error) {
          log(`  ${variant} ${name}: FAILED ${String(error instanceof Error ? error.stack : error)}`);
          log(`  server output (tail):\n${target.output?.().slice(-3000) ?? ""}`);
          continue;
        }
        rows.push(row);
        log(`${variant.padEnd(16)} ${name.padEnd(12)} p50 ${row.p50} ms  p99 ${row.p99} ms  lost ${row.lost}  dup ${row.duplicated}${row.capacity_msgs_per_s === undefined ? "" : `  ${row.capacity_msgs_per_s}/s`}  (${((performance.now() - scenarioStarted) / 1000).toFixed(0)} s)`);
      }
    }
  }

  if (writeCost) addWriteCost(rows, await writeCost);
  const goals = judgeGoals(rows);
  const seconds = Math.round((performance.now() - started) / 1000);
  if (options.json) {
    for (const row of rows) console.log(JSON.stringify(row));
    for (const goal of goals) console.log(JSON.stringify({ goal: goal.goal, status: goal.status, measured: goal.measured, limit: goal.limit }));
  } else {
    console.log(`\nParley bench (${options.quick ? "quick" : "full"}, ${options.sizes.runs} runs each, medians; ${seconds} s)\n`);
    console.log(mainTable(rows));
    console.log(`\n${figures(rows)}\n`);
    console.log(goalsTable(goals));
  }
}

/** The in-workerd meter's figures on the Parley cost row: the worst path of each. */
function addWriteCost(rows: Row[], writeCost: WriteCost): void {
  const row = find(rows, "cost", "parley");
  if (!row) return;
  if (!writeCost.ok) {
    log(`write-cost test gave no figures: ${writeCost.error}`);
    return;
  }
  const paths = writeCost.paths;
  const worst = (pick: (p: PathCost) => number) => Math.max(...paths.map(pick));
  row.d1_writes_in_round_trip = worst((p) => p.d1RowsInside);
  row.lobby_calls_in_round_trip = worst((p) => p.lobbyCallsInside);
  row.d1_writes_per_message = worst((p) => p.d1RowsPerMessage);
  row.lobby_calls_per_message = worst((p) => p.lobbyCallsPerMessage);
  log(`write-cost (test/worker/write-cost.test.ts, socket paths): ${paths.map((p) => `${p.path}: ${p.d1RowsPerMessage} rows, ${p.lobbyCallsPerMessage} calls/msg`).join("; ")}`);
}

try {
  await main();
} finally {
  await stopAll();
  log(`Done in ${Math.round((performance.now() - started) / 1000)} s.`);
}
