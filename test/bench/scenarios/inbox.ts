import type { ConversationListResponse } from "../../../src/protocol";
import { percentile } from "../stats";
import { asParley, type RunResult, type Scenario } from "./types";

/** Rows per page while walking to the deep page (the API's maximum, so fewer requests). */
const WALK_LIMIT = 100;
/** The seed leaves three of four conversations open (src/db/queries/inbox.ts "open" filter). */
const OPEN_SHARE = 0.75;

/**
 * `inbox-1k`, `inbox-100k`: the agents' list (`GET /api/conversations`, filter "open", default
 * page) in a workspace holding that many conversations (seeded, test/bench/seed.ts). The first
 * page, and a page 90% deep (20% with --quick) reached by following `next_cursor`; each timed `requests` times.
 * Reported p50/p99 are the first page's; `first_p50` and `deep_p50` both.
 */
export const inbox: Scenario = {
  name: "inbox",
  targets: ["parley"],
  variants: (sizes) => sizes.inbox.sizes.map((size) => `inbox-${size >= 1000 ? `${size / 1000}k` : size}`),
  async run(variant, { target, sizes, log }) {
    const parley = asParley(target);
    const size = sizes.inbox.sizes.find((s) => variant === `inbox-${s >= 1000 ? `${s / 1000}k` : s}`)!;
    const { cookie } = parley.seed.inbox.get(size)!;
    const list = (query: string) => parley.getJson<ConversationListResponse>(`/api/conversations?filter=open${query}`, cookie);

    const depth = Math.floor(size * OPEN_SHARE * sizes.inbox.deepShare);
    let cursor: string | null = null;
    const walkStarted = performance.now();
    for (let seen = 0; seen < depth; seen += WALK_LIMIT) {
      const page: ConversationListResponse = await list(`&limit=${WALK_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    if (!cursor) throw new Error(`${variant}: no cursor ${depth} rows deep`);
    log(`  ${variant}: walked ${depth} rows deep in ${((performance.now() - walkStarted) / 1000).toFixed(1)} s`);
    const deepQuery = `&cursor=${encodeURIComponent(cursor)}`;
    const deepFirst = await list(deepQuery);
    if (deepFirst.conversations.length === 0) throw new Error(`${variant}: the deep page is empty`);

    const time = async (query: string): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < sizes.inbox.requests; i++) {
        const at = performance.now();
        await list(query);
        samples.push(performance.now() - at);
      }
      return samples;
    };
    const results: RunResult[] = [];
    for (let run = 0; run < sizes.runs; run++) {
      const first = await time("");
      const deep = await time(deepQuery);
      results.push({
        p50: percentile(first, 50),
        p99: percentile(first, 99),
        lost: 0,
        duplicated: 0,
        extra: { first_p50: percentile(first, 50), deep_p50: percentile(deep, 50), deep_p99: percentile(deep, 99) },
      });
    }
    return results;
  },
};
