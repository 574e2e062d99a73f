import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentLobby } from "../../src/objects/agent-lobby";
import { INDEX_FLUSH_MAX, SENDS_BEFORE_PROBE } from "../../src/objects/agent-lobby/index-writes";
import type { IndexStatement } from "../../src/objects/contracts";
import type { Message } from "../../src/protocol";
import { lobbyOf } from "../../src/objects/stubs";
import { startCostMeter, type CostMeter } from "./cost-meter";
import { createAgent, DashboardSocket } from "./agents";
import { failD1Calls, type Failure } from "./d1-failures";
import { createSite, request, startSession, type Visitor } from "./helpers";
import { REPORTED, WINDOWS } from "./reported";

/**
 * The lobby's batch of its workspace's D1 index writes (src/objects/agent-lobby/index-writes.ts,
 * SPEC §2): the conversations' coalesced writes are queued in the lobby's storage and go to D1
 * in one call, each write lands once though a lost answer sends it again, and a write D1 refuses
 * holds back no other.
 */

const lobbyStub = (workspaceId: string) => env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(workspaceId));

const setLastSeq = (visitor: Visitor, seq: number): IndexStatement => ({
  sql: "UPDATE conversations SET last_seq = ? WHERE id = ?",
  params: [seq, visitor.session_id],
});

/** Adds to the row's count, so a write applied twice shows. */
const addToLastSeq = (visitor: Visitor, n: number): IndexStatement => ({
  sql: "UPDATE conversations SET last_seq = last_seq + ? WHERE id = ?",
  params: [n, visitor.session_id],
});

/** `flushes` flushes with `failure` armed for them, each retry held back (see `flushNow`); then D1 is itself again. */
async function flushFailing(workspaceId: string, failure: ReturnType<typeof failD1Calls>, flushes = 1): Promise<void> {
  try {
    for (let flush = 0; flush < flushes; flush++) await flushNow(workspaceId, { hold: true });
  } finally {
    failure.restore();
  }
}

/** `visitor`'s write is still queued, its `last_seq` at `before`; the next flush leaves it at `after` and the queue empty. */
async function expectSentAgain(workspaceId: string, visitor: Visitor, last: { before: number; after: number }): Promise<void> {
  expect(await lastSeqs([visitor])).toEqual([last.before]);
  expect(await queued(workspaceId)).toEqual([visitor.session_id]);
  await flushNow(workspaceId);
  expect(await lastSeqs([visitor])).toEqual([last.after]);
  expect(await queued(workspaceId)).toEqual([]);
}

const indexRow = (visitor: Visitor) =>
  env.DB.prepare("SELECT status, last_message_preview, last_sender_type FROM conversations WHERE id = ?")
    .bind(visitor.session_id)
    .first<{ status: string; last_message_preview: string | null; last_sender_type: string | null }>();

const lastSeqs = (visitors: Visitor[]) =>
  Promise.all(
    visitors.map(async (visitor) => {
      const row = await env.DB.prepare("SELECT last_seq FROM conversations WHERE id = ?").bind(visitor.session_id).first<{ last_seq: number }>();
      return row!.last_seq;
    }),
  );

/** The conversations whose writes are still queued in the lobby, oldest first. */
const queued = (workspaceId: string) =>
  runInDurableObject(lobbyStub(workspaceId), (_, state) =>
    state.storage.sql
      .exec<{ conversation_id: string }>("SELECT conversation_id FROM index_writes ORDER BY id")
      .toArray()
      .map((row) => row.conversation_id),
  );

/**
 * Runs the lobby's alarm with its batch due now, as if the gathering time had passed. `hold`:
 * what is left queued is then held back a minute, in the same step (no alarm of the lobby's own
 * can come between), so only the test's next `flushNow` sends it.
 */
async function flushNow(workspaceId: string, { hold = false } = {}): Promise<void> {
  await runInDurableObject(lobbyStub(workspaceId), async (lobby, state) => {
    if (state.storage.kv.get("index_flush_due") !== undefined) state.storage.kv.put("index_flush_due", Date.now());
    await lobby.alarm();
    if (hold && state.storage.kv.get("index_flush_due") !== undefined) state.storage.kv.put("index_flush_due", Date.now() + 60_000);
  });
}

/** Posts a visitor message over REST; returns its seq. */
async function postAs(visitor: Visitor, content: string): Promise<number> {
  const response = await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content } });
  expect(response.status).toBe(201);
  return ((await response.json()) as Message).seq;
}

describe("the lobby's batch of D1 index writes", () => {
  let meter: CostMeter | null = null;
  afterEach(() => {
    meter?.stop();
    meter = null;
  });

  it("sends the writes of many conversations in one D1 call", async () => {
    const site = await createSite();
    const visitors = await Promise.all([0, 1, 2].map(() => startSession(site)));
    const lobby = lobbyOf(env, site.workspaceId);
    meter = startCostMeter();
    const before = meter.d1Calls();
    for (const [i, visitor] of visitors.entries()) await lobby.writeIndex(visitor.session_id, [setLastSeq(visitor, 40 + i)]);
    await flushNow(site.workspaceId);
    // Counted before this test reads D1 itself.
    expect(meter.d1Calls() - before).toBe(1);
    expect(await lastSeqs(visitors)).toEqual([40, 41, 42]);
    expect(await queued(site.workspaceId)).toEqual([]);
  });

  it("sends each write alone when D1 refuses a statement of the batch, so only the refused one is lost", async () => {
    const site = await createSite();
    const [a, b] = await Promise.all([startSession(site), startSession(site)]);
    const lobby = lobbyOf(env, site.workspaceId);
    await lobby.writeIndex(a.session_id, [setLastSeq(a, 7)]);
    await lobby.writeIndex("broken", [{ sql: "UPDATE no_such_table SET x = 1", params: [] }]);
    await lobby.writeIndex(b.session_id, [setLastSeq(b, 9)]);
    await flushNow(site.workspaceId);
    expect(await lastSeqs([a, b])).toEqual([7, 9]);
    expect(await queued(site.workspaceId)).toEqual([]);
  });

  it("sends a batch again when D1's answer was lost, and D1 applies it once", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const lobby = lobbyOf(env, site.workspaceId);
    const [start] = await lastSeqs([visitor]);
    await lobby.writeIndex(visitor.session_id, [addToLastSeq(visitor, 5)]);
    const failure = failD1Calls({ how: "answer lost" });
    await flushFailing(site.workspaceId, failure);
    expect(failure.failed()).toBe(1);
    // The lobby cannot know it landed: the write stays queued, goes again, and D1 refuses it.
    await expectSentAgain(site.workspaceId, visitor, { before: start! + 5, after: start! + 5 });
  });

  it("keeps a batch D1 could not take for now (unreachable, busy), and sends it, before later writes, until it lands", async () => {
    const site = await createSite();
    const [a, b] = await Promise.all([startSession(site), startSession(site)]);
    const lobby = lobbyOf(env, site.workspaceId);
    const start = await lastSeqs([a, b]);
    await lobby.writeIndex(a.session_id, [addToLastSeq(a, 3)]);
    for (const error of ["Network connection lost.", "D1_ERROR: database is locked: SQLITE_BUSY"]) {
      const failure = failD1Calls({ how: "unreachable", error });
      await flushFailing(site.workspaceId, failure);
      expect(failure.failed()).toBe(1);
      expect(await lastSeqs([a, b])).toEqual(start);
    }
    await lobby.writeIndex(b.session_id, [addToLastSeq(b, 4)]);
    expect(await queued(site.workspaceId)).toEqual([a.session_id, b.session_id]);
    await flushNow(site.workspaceId, { hold: true });
    // The batch in flight goes as it was, alone; the write queued since follows it.
    expect(await lastSeqs([a, b])).toEqual([start[0]! + 3, start[1]]);
    expect(await queued(site.workspaceId)).toEqual([b.session_id]);
    await flushNow(site.workspaceId);
    expect(await lastSeqs([a, b])).toEqual([start[0]! + 3, start[1]! + 4]);
    expect(await queued(site.workspaceId)).toEqual([]);
  });

  it("lets the writes of a batch D1 keeps failing, while it takes writes, go one by one, so only the failing one is lost", async () => {
    const site = await createSite();
    const [a, b] = await Promise.all([startSession(site), startSession(site)]);
    const lobby = lobbyOf(env, site.workspaceId);
    const [, startB] = await lastSeqs([a, b]);
    await lobby.writeIndex(a.session_id, [setLastSeq(a, 11)]);
    await lobby.writeIndex(b.session_id, [setLastSeq(b, 12)]);
    const failure = failD1Calls({ how: "unreachable", matching: b.session_id, times: Infinity });
    // The pair, then b alone: each is let go once D1 took its number alone after its last send.
    await flushFailing(site.workspaceId, failure, 2 * SENDS_BEFORE_PROBE);
    expect(failure.failed()).toBe(2 * SENDS_BEFORE_PROBE);
    expect(await lastSeqs([a, b])).toEqual([11, startB]);
    expect(await queued(site.workspaceId)).toEqual([]);
  });

  it("keeps a batch through an outage, reads answered or not, and applies it once after", async () => {
    const outages = [
      { how: "unreachable", matching: "index_batches", times: Infinity },
      // Writes refused as busy while reads are answered: D1 is up but takes no batch, the probe neither.
      { how: "unreachable", matching: "INSERT INTO index_batches", times: Infinity, error: "D1_ERROR: database is locked: SQLITE_BUSY" },
    ] as const;
    for (const outage of outages) {
      const site = await createSite();
      const visitor = await startSession(site);
      const [start] = await lastSeqs([visitor]);
      await lobbyOf(env, site.workspaceId).writeIndex(visitor.session_id, [addToLastSeq(visitor, 6)]);
      const failure = failD1Calls(outage);
      await flushFailing(site.workspaceId, failure, 2 * SENDS_BEFORE_PROBE);
      await expectSentAgain(site.workspaceId, visitor, { before: start!, after: start! + 6 });
    }
  });

  it("finds by its probe that a batch whose answers were lost had landed, and does not send its writes again", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const [start] = await lastSeqs([visitor]);
    await lobbyOf(env, site.workspaceId).writeIndex(visitor.session_id, [addToLastSeq(visitor, 8)]);
    const losses: Failure[] = ["answer lost", ...Array<Failure>(SENDS_BEFORE_PROBE - 1).fill("unreachable")];
    const failure = failD1Calls({ how: losses });
    await flushFailing(site.workspaceId, failure, SENDS_BEFORE_PROBE);
    expect(failure.failed()).toBe(SENDS_BEFORE_PROBE);
    expect(await lastSeqs([visitor])).toEqual([start! + 8]);
    expect(await queued(site.workspaceId)).toEqual([]);
  });

  it("catches up when its batch numbers are behind D1's (its storage was wiped) instead of dropping writes", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const lobbyId = lobbyStub(site.workspaceId).id.toString();
    // Above what the lobby starts from (the time in ms × 1000): as if another life had run far ahead.
    const ahead = (Date.now() + 3_600_000) * 1000;
    await env.DB.prepare("INSERT INTO index_batches (lobby_id, seq) VALUES (?, ?)").bind(lobbyId, ahead).run();
    await lobbyOf(env, site.workspaceId).writeIndex(visitor.session_id, [setLastSeq(visitor, 77)]);
    // Its first send lost on the way, too: the second is refused with a number D1 never had from it.
    await flushFailing(site.workspaceId, failD1Calls({ how: "unreachable" }));
    await flushNow(site.workspaceId);
    expect(await lastSeqs([visitor])).toEqual([77]);
    expect(await queued(site.workspaceId)).toEqual([]);
    const recorded = await env.DB.prepare("SELECT seq FROM index_batches WHERE lobby_id = ?").bind(lobbyId).first<number>("seq");
    expect(recorded).toBe(ahead + 1);
  });

  it("judges a batch it renumbered to catch up by its new number: lost answers after that do not send its writes twice", async () => {
    const site = await createSite();
    const [a, b] = await Promise.all([startSession(site), startSession(site)]);
    const start = await lastSeqs([a, b]);
    const lobbyId = lobbyStub(site.workspaceId).id.toString();
    await env.DB.prepare("INSERT INTO index_batches (lobby_id, seq) VALUES (?, ?)").bind(lobbyId, (Date.now() + 3_600_000) * 1000).run();
    const lobby = lobbyOf(env, site.workspaceId);
    await lobby.writeIndex(a.session_id, [addToLastSeq(a, 9)]);
    await lobby.writeIndex(b.session_id, [addToLastSeq(b, 9)]);
    // Sends lost until the probe is near; then D1 refuses the old number, the lobby renumbers, and that answer is lost too.
    const sends: Failure[] = [...Array<Failure>(SENDS_BEFORE_PROBE - 1).fill("unreachable"), "through", "answer lost"];
    const failure = failD1Calls({ how: sends });
    await flushFailing(site.workspaceId, failure, SENDS_BEFORE_PROBE + 1);
    expect(await lastSeqs([a, b])).toEqual([start[0]! + 9, start[1]! + 9]);
    expect(await queued(site.workspaceId)).toEqual([]);
  });

  it("sends a backlog longer than one batch in batches one after another, without waiting between them", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const lobby = lobbyOf(env, site.workspaceId);
    for (let i = 0; i < INDEX_FLUSH_MAX + 5; i++) await lobby.writeIndex(visitor.session_id, [setLastSeq(visitor, i + 1)]);
    await flushNow(site.workspaceId);
    // The rest is due at once, not a gathering time later (unless the alarm has sent it already).
    const after = await runInDurableObject(lobbyStub(site.workspaceId), (_, state) => ({
      left: state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM index_writes").one().n,
      due: state.storage.kv.get<number>("index_flush_due") ?? null,
      now: Date.now(),
    }));
    expect(after.left === 0 || (after.left === 5 && after.due !== null && after.due <= after.now), JSON.stringify(after)).toBe(true);
    await vi.waitFor(async () => expect(await lastSeqs([visitor])).toEqual([INDEX_FLUSH_MAX + 5]), REPORTED);
    expect(await queued(site.workspaceId)).toEqual([]);
  });

  it("keeps the newest written message as the preview when a close overtakes a write still in the batch", async () => {
    const site = await createSite({ botEnabled: false });
    const agent = await createAgent(site, { name: "Sam" });
    const visitor = await startSession(site);
    const post = (content: string) => request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content } });
    expect((await post("my parcel is lost")).status).toBe(201);
    expect((await post("thanks")).status).toBe(201);
    // "thanks" is handed to the lobby; its batch is held back while the close goes straight to D1.
    await vi.waitFor(async () => expect(await queued(site.workspaceId)).toEqual([visitor.session_id]), REPORTED);
    await runInDurableObject(lobbyStub(site.workspaceId), (_, state) => state.storage.kv.put("index_flush_due", Date.now() + 60_000));
    const dashboard = await DashboardSocket.open(agent);
    await dashboard.request({ type: "close_session", data: { customer_id: visitor.visitor_id, page_id: site.siteId } }, "session_closed");
    await vi.waitFor(async () => expect((await indexRow(visitor))?.status).toBe("closed"), REPORTED);
    await flushNow(site.workspaceId);
    expect(await queued(site.workspaceId)).toEqual([]);
    expect(await indexRow(visitor)).toMatchObject({ status: "closed", last_message_preview: "thanks", last_sender_type: "user" });
    dashboard.end();
  });

  it("brings a conversation's plain messages to D1 through it, and its state changes straight from the conversation", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const post = (content: string) => postAs(visitor, content);
    const handed = vi.spyOn(AgentLobby.prototype, "writeIndex");
    try {
      // The first message escalates: D1 has it when the answer comes, and the lobby queued nothing.
      const first = await post("first, which escalates");
      expect((await lastSeqs([visitor]))[0]).toBeGreaterThanOrEqual(first);
      expect(handed).not.toHaveBeenCalled();
      const second = await post("second");
      await vi.waitFor(async () => expect(await lastSeqs([visitor])).toEqual([second]), REPORTED);
      expect(handed.mock.calls.map(([conversationId]) => conversationId)).toEqual([visitor.session_id]);
    } finally {
      handed.mockRestore();
    }
  });

  it("carries a busy conversation's index write in its report, one lobby call for both", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const post = (content: string) => postAs(visitor, content);
    const reports = vi.spyOn(AgentLobby.prototype, "report");
    const handed = vi.spyOn(AgentLobby.prototype, "writeIndex");
    try {
      await post("first, which escalates");
      // Busy past the first index write: reports come a window apart, so that write is due within
      // a report window of one (the pace stays well inside the visitor's budget).
      const busyUntil = Date.now() + WINDOWS.indexWindowMs + 2 * WINDOWS.reportWindowMs;
      let last = 0;
      let lines = 0;
      while (Date.now() < busyUntil) {
        lines++;
        last = await post(`busy line ${lines}`);
        await new Promise((resolve) => setTimeout(resolve, WINDOWS.reportWindowMs / 4));
      }
      await vi.waitFor(async () => expect(await lastSeqs([visitor])).toEqual([last]), REPORTED);
      const carried = reports.mock.calls.filter(([report]) => report.ref.id === visitor.session_id && (report.index?.length ?? 0) > 0);
      expect(carried.length).toBeGreaterThanOrEqual(1);
      // A carried write indexes the messages reported before it too: every one is counted (SPEC §11),
      // in the object's storage or, past a bucket's end or a state change, in D1.
      const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
      const pending = await runInDurableObject(stub, (_, state) => state.storage.kv.get<{ user: number }>("pending_counts")?.user ?? 0);
      const inBuckets = await env.DB.prepare("SELECT coalesce(sum(user_messages), 0) AS n FROM report_buckets WHERE site_id = ?")
        .bind(site.siteId)
        .first<{ n: number }>();
      expect(pending + inBuckets!.n).toBe(1 + lines);
      // At most the write after the last report goes alone.
      expect(handed.mock.calls.filter(([conversationId]) => conversationId === visitor.session_id).length).toBeLessThanOrEqual(1);
    } finally {
      reports.mockRestore();
      handed.mockRestore();
    }
  });
});
