import { find, table } from "./report";
import type { Row } from "./scenarios/types";

/**
 * The goals of issue 8 the bench is used to judge, read from one run's rows. Not a test: a goal
 * whose figures this run did not measure is "n/a".
 */
export interface Goal {
  goal: string;
  status: "PASS" | "MISS" | "n/a";
  measured: string;
  limit: string;
}

const f = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

function judge(goal: string, values: Array<number | undefined>, check: (...v: number[]) => { pass: boolean; measured: string; limit: string }): Goal {
  if (values.some((value) => value === undefined || Number.isNaN(value))) return { goal, status: "n/a", measured: "not measured", limit: "" };
  const { pass, measured, limit } = check(...(values as number[]));
  return { goal, status: pass ? "PASS" : "MISS", measured, limit };
}

export function judgeGoals(rows: readonly Row[]): Goal[] {
  const get = (scenario: string, target: "parley" | "do-floor" | "floor", key: string) => {
    const value = find(rows, scenario, target)?.[key];
    return typeof value === "number" ? value : undefined;
  };
  const goals: Goal[] = [];
  goals.push(
    judge("many capacity ≥ 0.5× do-floor", [get("many", "parley", "capacity_msgs_per_s"), get("many", "do-floor", "capacity_msgs_per_s")], (p, d) => ({
      pass: p >= 0.5 * d,
      measured: `${f(p)}/s = ${f(p / d)}× do-floor`,
      limit: `≥ ${f(0.5 * d)}/s`,
    })),
  );
  goals.push(
    judge("many p99 ≤ 3× do-floor + 2 ms", [get("many", "parley", "p99"), get("many", "do-floor", "p99")], (p, d) => ({
      pass: p <= 3 * d + 2,
      measured: `${f(p)} ms`,
      limit: `≤ ${f(3 * d + 2)} ms`,
    })),
  );
  goals.push(
    judge("fanout p99 ≤ 3× do-floor", [get("fanout", "parley", "p99"), get("fanout", "do-floor", "p99")], (p, d) => ({
      pass: p <= 3 * d,
      measured: `${f(p)} ms = ${f(p / d)}×`,
      limit: `≤ ${f(3 * d)} ms`,
    })),
  );
  goals.push(
    judge("CPU per message ≤ 3× do-floor (socket path)", [get("cost", "parley", "cpu_ms_per_message"), get("cost", "do-floor", "cpu_ms_per_message")], (p, d) => ({
      pass: p <= 3 * d,
      measured: `${f(p)} ms = ${f(p / d)}×`,
      limit: `≤ ${f(3 * d)} ms`,
    })),
  );
  goals.push(
    judge("dashboards-1000 p99 < 250 ms", [get("dashboards-1000", "parley", "p99")], (p) => ({ pass: p < 250, measured: `${f(p)} ms`, limit: "< 250 ms" })),
  );
  goals.push(
    judge("dashboards-1000 every event delivered", [get("dashboards-1000", "parley", "lost"), get("dashboards-1000", "parley", "duplicated")], (lost, dup) => ({
      pass: lost === 0 && dup === 0,
      measured: `${lost} lost, ${dup} duplicated`,
      limit: "0 lost",
    })),
  );
  goals.push(
    judge(
      "lobby CPU per event per recipient flat 300 → 1000",
      [get("dashboards-300", "parley", "cpu_us_per_event_per_recipient"), get("dashboards-1000", "parley", "cpu_us_per_event_per_recipient")],
      (a, b) => ({ pass: b <= 1.25 * a, measured: `${f(a)} → ${f(b)} µs (${f(b / a)}×)`, limit: "≤ 1.25×" }),
    ),
  );
  goals.push(
    judge("inbox-100k deep ≤ 2× first", [get("inbox-100k", "parley", "deep_p50"), get("inbox-100k", "parley", "first_p50")], (deep, first) => ({
      pass: deep <= 2 * first,
      measured: `${f(deep)} ms vs first ${f(first)} ms`,
      limit: `≤ ${f(2 * first)} ms`,
    })),
  );
  goals.push(
    judge("inbox-100k deep ≤ 2× inbox-1k deep", [get("inbox-100k", "parley", "deep_p50"), get("inbox-1k", "parley", "deep_p50")], (big, small) => ({
      pass: big <= 2 * small,
      measured: `${f(big)} ms vs ${f(small)} ms`,
      limit: `≤ ${f(2 * small)} ms`,
    })),
  );
  goals.push(
    judge(
      "cost: 0 D1 writes, 0 lobby calls inside a round trip",
      [get("cost", "parley", "d1_writes_in_round_trip"), get("cost", "parley", "lobby_calls_in_round_trip")],
      (d1, lobby) => ({ pass: d1 === 0 && lobby === 0, measured: `${d1} rows, ${lobby} calls`, limit: "0, 0" }),
    ),
  );
  goals.push(
    judge(
      "cost: ≤ 0.2 D1 rows and lobby calls per message over 25",
      [get("cost", "parley", "d1_writes_per_message"), get("cost", "parley", "lobby_calls_per_message")],
      (d1, lobby) => ({ pass: d1 <= 0.2 && lobby <= 0.2, measured: `${f(d1)} rows, ${f(lobby)} calls`, limit: "≤ 0.2 each" }),
    ),
  );
  goals.push(
    judge("flood: polite p99 ≤ 2× without flood", [get("flood", "parley", "polite_p99_flood"), get("flood", "parley", "polite_p99")], (loud, quiet) => ({
      pass: loud <= 2 * quiet,
      measured: `${f(loud)} ms vs ${f(quiet)} ms`,
      limit: `≤ ${f(2 * quiet)} ms`,
    })),
  );
  return goals;
}

export function goalsTable(goals: readonly Goal[]): string {
  return table(
    ["goal", "result", "measured", "limit"],
    goals.map((g) => [g.goal, g.status, g.measured, g.limit]),
  );
}
