import { and, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database } from "../client";
import { preparedStatement, type Statement } from "../statements";
import { conversationFacts, reportBuckets } from "../schema";

export type FactRow = typeof conversationFacts.$inferSelect;
export type BucketRow = typeof reportBuckets.$inferSelect;

/**
 * What a ChatSession learned about its conversation since it last wrote its fact row; only the
 * fields given are written. First-time fields keep the first value D1 saw; `state` (assignee and
 * close) wins only with a newer lobby version, so writes may land in any order.
 */
export interface FactChange {
  conversationId: string;
  workspaceId: string;
  siteId: string | null;
  startedAt?: number | undefined;
  escalatedAt?: number | undefined;
  firstHumanReplyAt?: number | undefined;
  state?: { version: number; assigneeId: string | null; closedAt: number | null } | undefined;
}

/** Keeps the value D1 saw first (a first-time fact never moves). */
const keepFirst = (column: SQLiteColumn) => sql`coalesce(${column}, excluded.${sql.raw(column.name)})`;

/** The fact row's upsert for a change (one D1 row). */
export function recordFacts(db: Database, change: FactChange) {
  const t = conversationFacts;
  const newer = sql`excluded.state_version > ${t.stateVersion}`;
  return db
    .insert(t)
    .values({
      conversationId: change.conversationId,
      workspaceId: change.workspaceId,
      siteId: change.siteId,
      startedAt: change.startedAt ?? null,
      escalatedAt: change.escalatedAt ?? null,
      firstHumanReplyAt: change.firstHumanReplyAt ?? null,
      closedAt: change.state?.closedAt ?? null,
      assigneeId: change.state?.assigneeId ?? null,
      stateVersion: change.state?.version ?? 0,
    })
    .onConflictDoUpdate({
      target: t.conversationId,
      set: {
        startedAt: keepFirst(t.startedAt),
        escalatedAt: keepFirst(t.escalatedAt),
        firstHumanReplyAt: keepFirst(t.firstHumanReplyAt),
        // The latest close, and the last agent who handled it: a reopening clears neither.
        closedAt: sql`CASE WHEN ${newer} AND excluded.closed_at IS NOT NULL THEN excluded.closed_at ELSE ${t.closedAt} END`,
        assigneeId: sql`CASE WHEN ${newer} AND excluded.assignee_id IS NOT NULL THEN excluded.assignee_id ELSE ${t.assigneeId} END`,
        stateVersion: sql`max(${t.stateVersion}, excluded.state_version)`,
      },
    });
}

/** The visitor's rating of the latest close: it replaces an earlier close's rating (one D1 row). */
export function recordRating(
  db: Database,
  ref: { conversationId: string; workspaceId: string; siteId: string | null },
  rating: { score: number; comment: string | null; at: number },
) {
  const values = { ratingScore: rating.score, ratingComment: rating.comment, ratedAt: rating.at };
  return db
    .insert(conversationFacts)
    .values({ conversationId: ref.conversationId, workspaceId: ref.workspaceId, siteId: ref.siteId, ...values })
    .onConflictDoUpdate({ target: conversationFacts.conversationId, set: values });
}

/** Counters to add to one bucket. */
export interface BucketIncrement {
  workspaceId: string;
  siteId: string;
  /** The agent the conversation was assigned to when counted; "" for none. */
  agentId: string;
  bucketStart: number;
  userMessages?: number;
  agentMessages?: number;
  botMessages?: number;
  connectionSuccesses?: number;
  connectionFailures?: number;
}

/** The bucket's upsert, printed once (`preparedStatement`); see `addToBucket`. */
const bucketStatement = preparedStatement<keyof BucketIncrement>((db) => {
  const t = reportBuckets;
  const value = (name: keyof BucketIncrement) => sql.placeholder(name);
  const plus = (column: SQLiteColumn) => sql`${column} + excluded.${sql.raw(column.name)}`;
  return db
    .insert(t)
    .values({
      workspaceId: value("workspaceId"),
      siteId: value("siteId"),
      agentId: value("agentId"),
      bucketStart: value("bucketStart"),
      userMessages: value("userMessages"),
      agentMessages: value("agentMessages"),
      botMessages: value("botMessages"),
      connectionSuccesses: value("connectionSuccesses"),
      connectionFailures: value("connectionFailures"),
    })
    .onConflictDoUpdate({
      target: [t.workspaceId, t.bucketStart, t.siteId, t.agentId],
      set: {
        userMessages: plus(t.userMessages),
        agentMessages: plus(t.agentMessages),
        botMessages: plus(t.botMessages),
        connectionSuccesses: plus(t.connectionSuccesses),
        connectionFailures: plus(t.connectionFailures),
      },
    });
});

/** Adds to a bucket's counters, creating it on first use (one D1 row). */
export function addToBucket(db: Database, add: BucketIncrement): Statement {
  return bucketStatement(db, {
    workspaceId: add.workspaceId,
    siteId: add.siteId,
    agentId: add.agentId,
    bucketStart: add.bucketStart,
    userMessages: add.userMessages ?? 0,
    agentMessages: add.agentMessages ?? 0,
    botMessages: add.botMessages ?? 0,
    connectionSuccesses: add.connectionSuccesses ?? 0,
    connectionFailures: add.connectionFailures ?? 0,
  });
}

/** Whose figures a report shows: a workspace, optionally one site, optionally one agent's own. */
export interface ReportScope {
  workspaceId: string;
  siteId?: string | undefined;
  /** An agent's view (SPEC §5): only the conversations they handled, and the buckets counted for them. */
  agentId?: string | undefined;
}

/** The scope's filters on a table that has its workspace, site and agent columns. */
function inScope(scope: ReportScope, columns: { workspaceId: SQLiteColumn; siteId: SQLiteColumn; agentId: SQLiteColumn }) {
  return and(
    eq(columns.workspaceId, scope.workspaceId),
    scope.siteId === undefined ? undefined : eq(columns.siteId, scope.siteId),
    scope.agentId === undefined ? undefined : eq(columns.agentId, scope.agentId),
  );
}

/**
 * The fact rows that can touch [start, end): conversations started before its end and not closed
 * before its start, or rated within it. Three disjoint reads, each a range of an index of the
 * workspace (still open; closed since `start`; closed before but rated since), so what a range
 * costs follows the conversations around it, not the workspace's whole history. One round trip.
 */
export async function factsFor(db: Database, scope: ReportScope, start: number, end: number): Promise<FactRow[]> {
  const t = conversationFacts;
  const scoped = inScope(scope, { workspaceId: t.workspaceId, siteId: t.siteId, agentId: t.assigneeId });
  const read = (condition: SQL | undefined) => db.select().from(t).where(and(scoped, lt(t.startedAt, end), condition));
  const [open, closed, rated] = await db.batch([
    read(isNull(t.closedAt)),
    read(gte(t.closedAt, start)),
    read(and(lt(t.closedAt, start), gte(t.ratedAt, start))),
  ]);
  return [...open, ...closed, ...rated];
}

/** The buckets of [start, end), by the primary key's (workspace, bucket start) prefix. */
export function bucketsFor(db: Database, scope: ReportScope, start: number, end: number): Promise<BucketRow[]> {
  const t = reportBuckets;
  return db
    .select()
    .from(t)
    .where(
      and(inScope(scope, t), gte(t.bucketStart, start), lt(t.bucketStart, end)),
    )
    .all();
}
