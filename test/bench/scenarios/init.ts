import { nextIp } from "../ips";
import { percentile, pool } from "../stats";
import type { RunResult, Scenario } from "./types";

/**
 * `init`: 1,000 session inits (`POST /api/widget/demo/session`), 20 at a time, each from its own
 * address; on the floors, `POST /init` (do-floor: a round trip to a fresh object). Capacity is
 * inits per second.
 */
export const init: Scenario = {
  name: "init",
  targets: ["floor", "do-floor", "parley"],
  variants: () => ["init"],
  async run(_variant, { target, sizes }) {
    const { count, concurrency } = sizes.init;
    const results: RunResult[] = [];
    for (let run = 0; run < sizes.runs; run++) {
      const started = performance.now();
      let failed = 0;
      const latencies = await pool(count, concurrency, async () => {
        const at = performance.now();
        try {
          await target.init(nextIp());
        } catch {
          failed++;
        }
        return performance.now() - at;
      });
      const wallMs = performance.now() - started;
      results.push({
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        lost: failed,
        duplicated: 0,
        capacity: ((count - failed) / wallMs) * 1000,
      });
    }
    return results;
  },
};
