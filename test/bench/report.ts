import type { TargetName } from "./targets/types";
import { median } from "./stats";
import type { Row, RunResult } from "./scenarios/types";

/** The report row of one scenario variant on one target: medians over runs, losses summed. */
export function aggregate(scenario: string, target: TargetName, runs: RunResult[], sockets: { before: number; after: number }): Row {
  const row: Row = {
    scenario,
    target,
    p50: round(median(runs.map((r) => r.p50))),
    p99: round(median(runs.map((r) => r.p99))),
    lost: runs.reduce((sum, r) => sum + r.lost, 0),
    duplicated: runs.reduce((sum, r) => sum + r.duplicated, 0),
    runs: runs.length,
    sockets_before: sockets.before,
    sockets_after: sockets.after,
  };
  const capacities = runs.flatMap((r) => (r.capacity === undefined ? [] : [r.capacity]));
  if (capacities.length > 0) row.capacity_msgs_per_s = round(median(capacities));
  const names = new Set(runs.flatMap((r) => Object.keys(r.extra ?? {})));
  for (const name of names) row[name] = round(median(runs.flatMap((r) => (r.extra?.[name] === undefined ? [] : [r.extra[name]!]))));
  return row;
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

export function find(rows: readonly Row[], scenario: string, target: TargetName): Row | undefined {
  return rows.find((row) => row.scenario === scenario && row.target === target);
}

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || b === 0) return "";
  return `${(a / b).toFixed(2)}×`;
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => (line[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

const num = (value: number | undefined) => (value === undefined ? "" : String(value));

/** The main table: scenario × target, with Parley's ratios to the floors of the same run. */
export function mainTable(rows: readonly Row[]): string {
  const body = rows.map((row) => {
    const isParley = row.target === "parley";
    const doFloor = find(rows, row.scenario, "do-floor");
    const floor = find(rows, row.scenario, "floor");
    const logFloor = find(rows, row.scenario, "do-log-floor");
    return [
      row.scenario,
      row.target,
      num(row.p50),
      num(row.p99),
      num(row.lost),
      num(row.duplicated),
      num(row.capacity_msgs_per_s),
      isParley ? ratio(row.p99, doFloor?.p99) : "",
      isParley ? ratio(row.p99, floor?.p99) : "",
      isParley ? ratio(row.capacity_msgs_per_s, doFloor?.capacity_msgs_per_s) : "",
      isParley ? ratio(row.capacity_msgs_per_s, logFloor?.capacity_msgs_per_s) : "",
      `${row.sockets_before}→${row.sockets_after}`,
    ];
  });
  return table(
    ["scenario", "target", "p50 ms", "p99 ms", "lost", "dup", "capacity/s", "p99 ÷do-floor", "p99 ÷floor", "cap ÷do-floor", "cap ÷do-log-floor", "server sockets"],
    body,
  );
}

/** Every further figure a row carries (CPU, inbox pages, flood counts), one line per row. */
export function figures(rows: readonly Row[]): string {
  const standard = new Set(["scenario", "target", "p50", "p99", "lost", "duplicated", "capacity_msgs_per_s", "runs", "sockets_before", "sockets_after"]);
  return rows
    .map((row) => {
      const extra = Object.entries(row).filter(([key, value]) => !standard.has(key) && value !== undefined);
      return extra.length === 0 ? null : `${row.scenario} ${row.target}: ${extra.map(([key, value]) => `${key}=${value}`).join(" ")}`;
    })
    .filter((line): line is string => line !== null)
    .join("\n");
}

export { table };
