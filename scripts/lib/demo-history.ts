import { DEMO } from "./demo-data";
import { sqlLiteral as quote } from "./sql-literal";

/**
 * `npm run seed -- --history`: 60 days of plausible report figures for the demo workspace (SPEC
 * §11), as the ChatSessions would have written them: one fact row per conversation and 15-minute
 * buckets of messages and connects. Each day's rows come from a generator seeded by its date and
 * carry ids made from it, so seeding again (even on a later day) adds only the days not there yet.
 */

export const HISTORY_DAYS = 60;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const BUCKET = 15 * MINUTE;

/** A small deterministic generator (mulberry32): the same seed gives the same figures. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows per INSERT: D1 refuses statements over 100 KB. */
const ROWS_PER_STATEMENT = 200;

const chunks = <T>(rows: T[]): T[][] =>
  Array.from({ length: Math.ceil(rows.length / ROWS_PER_STATEMENT) }, (_, i) => rows.slice(i * ROWS_PER_STATEMENT, (i + 1) * ROWS_PER_STATEMENT));

const seedOf = (text: string) => [...text].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16777619), 2166136261);

interface BucketCounts {
  user: number;
  agent: number;
  bot: number;
  opened: number;
  failed: number;
}

/** SQL inserting the history of the `HISTORY_DAYS` days before `now`'s day (UTC); existing rows are kept. */
export function demoHistorySql(now: number): string {
  const today = Math.floor(now / DAY) * DAY;
  const agents = DEMO.agents.map((agent) => agent.id);
  const facts: string[] = [];
  const buckets = new Map<string, BucketCounts>();
  const count = (at: number, agentId: string, add: Partial<BucketCounts>) => {
    const key = `${Math.floor(at / BUCKET) * BUCKET}|${agentId}`;
    const counts = buckets.get(key) ?? { user: 0, agent: 0, bot: 0, opened: 0, failed: 0 };
    for (const [name, value] of Object.entries(add) as Array<[keyof BucketCounts, number]>) counts[name] += value;
    buckets.set(key, counts);
  };

  for (let back = HISTORY_DAYS; back >= 1; back--) {
    const dayStart = today - back * DAY;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    const random = generator(seedOf(date));
    const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const conversations = weekend ? between(3, 8) : between(10, 24);
    for (let n = 0; n < conversations; n++) {
      // Most chats come in office hours (UTC 07:00–20:00), a few at night.
      const startedAt = dayStart + (random() < 0.85 ? between(7 * 60, 20 * 60) : between(0, 24 * 60 - 1)) * MINUTE;
      const escalated = random() < 0.6;
      const assignee = escalated ? agents[between(0, agents.length - 1)]! : null;
      const escalatedAt = escalated ? startedAt + between(0, 4) * MINUTE : null;
      const replyAt = escalatedAt === null ? null : escalatedAt + between(20, 15 * 60) * 1000;
      const closedAt = (replyAt ?? startedAt) + between(3, 55) * MINUTE;
      const rated = escalated && random() < 0.45;
      const score = rated ? [5, 5, 5, 4, 4, 4, 3, 2, 1][between(0, 8)]! : null;
      const ratedAt = rated ? closedAt + between(1, 10) * MINUTE : null;
      facts.push(
        `(${[`hist_${date}_${n}`, DEMO.workspaceId, DEMO.siteId, startedAt, escalatedAt, replyAt, closedAt, assignee, 1, score, ratedAt]
          .map(quote)
          .join(", ")})`,
      );
      count(startedAt, "", { user: between(1, 3), bot: between(1, 2), opened: 1, failed: random() < 0.08 ? 1 : 0 });
      if (assignee && replyAt !== null) count(replyAt, assignee, { user: between(1, 6), agent: between(1, 6) });
    }
  }

  const bucketRows = [...buckets].map(([key, c]) => {
    const [start, agentId] = key.split("|") as [string, string];
    return `(${[DEMO.workspaceId, DEMO.siteId, agentId, Number(start), c.user, c.agent, c.bot, c.opened, c.failed].map(quote).join(", ")})`;
  });
  return [
    ...chunks(facts).map(
      (rows) => `INSERT INTO conversation_facts (conversation_id, workspace_id, site_id, started_at, escalated_at, first_human_reply_at,
       closed_at, assignee_id, state_version, rating_score, rated_at) VALUES\n${rows.join(",\n")}\nON CONFLICT DO NOTHING;`,
    ),
    ...chunks(bucketRows).map(
      (rows) => `INSERT INTO report_buckets (workspace_id, site_id, agent_id, bucket_start, user_messages, agent_messages, bot_messages,
       connection_successes, connection_failures) VALUES\n${rows.join(",\n")}\nON CONFLICT DO NOTHING;`,
    ),
  ].join("\n");
}
