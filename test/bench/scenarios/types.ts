import type { Sizes } from "../options";
import type { ParleyTarget } from "../targets/parley";
import type { Target, TargetName } from "../targets/types";

/** One measured run of a scenario on a target. Times in ms. */
export interface RunResult {
  p50: number;
  p99: number;
  lost: number;
  duplicated: number;
  /** Messages (or requests) per second, where the scenario measures throughput. */
  capacity?: number;
  /** Further figures, named with their unit (`cpu_ms_per_message`, `first_p50`…). */
  extra?: Record<string, number>;
}

/** A row of the report: the median of the runs (lost and duplicated summed over them). */
export interface Row {
  scenario: string;
  target: TargetName;
  p50: number;
  p99: number;
  lost: number;
  duplicated: number;
  capacity_msgs_per_s?: number;
  runs: number;
  /** Open sockets of the server's process tree before the scenario and once it cleaned up. */
  sockets_before: number;
  sockets_after: number;
  [figure: string]: number | string | undefined;
}

export interface ScenarioContext {
  target: Target;
  sizes: Sizes;
  log: (line: string) => void;
}

/**
 * A scenario: `variants` are the rows it reports (`dashboards-300`, `dashboards-1000`); `run`
 * does all runs of one variant on one target, and closes every socket it opened.
 */
export interface Scenario {
  name: string;
  targets: readonly TargetName[];
  variants(sizes: Sizes): string[];
  run(variant: string, context: ScenarioContext): Promise<RunResult[]>;
}

export function asParley(target: Target): ParleyTarget {
  if (target.name !== "parley") throw new Error(`${target.name} is not Parley`);
  return target as ParleyTarget;
}
