import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { offsetInWindowMs } from "../../src/objects/chat-session/report-windows";
import { AgentLobby } from "../../src/objects/agent-lobby";
import { SessionStore } from "../../src/objects/chat-session/session-store";
import type { Message } from "../../src/protocol";
import { agentRequest, createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession, startSessionWhere, type TestSite, type Visitor } from "./helpers";
import { REPORTED, WINDOWS } from "./reported";
import { countedKv } from "./counted-kv";
import { failD1Calls } from "./d1-failures";

const INDEX_WINDOW_MS = WINDOWS.indexWindowMs;

/**
 * When D1's conversation index hears of plain messages (SPEC §2, README "What is eventually
 * consistent"): never in a message's round trip, at most one write per window, at most a window
 * behind, and at each conversation's own offset in the window, so conversations that start
 * together do not write D1 together.
 */

const sessionOf = (id: string) => env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(id));

const indexRow = (id: string) =>
  env.DB.prepare("SELECT last_seq, status, assignee_id FROM conversations WHERE id = ?").bind(id).first<{ last_seq: number; status: string; assignee_id: string | null }>();

const indexedSeq = async (id: string) => (await indexRow(id))?.last_seq;

/** The reasons of the conversation's escalations in D1 (SPEC §11), one per row. */
const escalationRows = async (id: string) =>
  (await env.DB.prepare("SELECT reason FROM escalations WHERE conversation_id = ?").bind(id).all<{ reason: string }>()).results.map((row) => row.reason);

/** What the conversation's storage says about its next and last D1 write (ms). */
const indexPlan = (id: string) =>
  runInDurableObject(sessionOf(id), (_, state) => ({
    due: new SessionStore(state.storage.kv).indexDueAt(),
    last: new SessionStore(state.storage.kv).lastIndexAt(),
  }));

/** Posts as the visitor over REST; the stored message (the bot answers after it). */
async function post(visitor: Visitor, content: string): Promise<Message> {
  const response = await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content } });
  expect(response.status).toBe(201);
  return (await response.json()) as Message;
}

/** The visitor asks for a human over REST (SPEC §5); the response. */
const escalate = (visitor: Visitor, reason: string) => request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason } });

/** The dashboard's agent takes the visitor's conversation (the lobby's decision, handed over to the session). */
const assignFrom = (dashboard: DashboardSocket, site: TestSite, visitor: Visitor) =>
  dashboard.request({ type: "assign_agent", data: { customer_id: visitor.visitor_id, page_id: site.siteId } }, "agent_assigned");

/** A visitor whose opening message D1's index has: the first visitor message is a state change, sent at once. */
async function indexedVisitor(site: TestSite): Promise<Visitor> {
  const visitor = await startSession(site);
  const opening = await post(visitor, "hello");
  await vi.waitFor(async () => expect(await indexedSeq(visitor.session_id)).toBeGreaterThanOrEqual(opening.seq), REPORTED);
  return visitor;
}

/**
 * How late in a report window the alarm that sends a due report may run (ms): a write planned
 * within a report window of it rides with the report, so a test of the write's own time needs
 * its conversation's offset beyond both.
 */
const ALARM_SLACK_MS = 1_000;

/**
 * A session whose D1 writes fall late in the index window (`offsetInWindowMs` past a report window
 * and ALARM_SLACK_MS): a report that a quiet message makes due a gather later never carries its
 * write, which keeps its own time.
 */
function sessionWritingLate(site: TestSite): Promise<Visitor> {
  const earliest = WINDOWS.reportWindowMs + ALARM_SLACK_MS;
  if (earliest >= INDEX_WINDOW_MS) throw new Error(`no offset in a ${INDEX_WINDOW_MS} ms index window is past ${earliest} ms`);
  return startSessionWhere(site, (id) => offsetInWindowMs(id, INDEX_WINDOW_MS) > earliest, `with an index offset past ${earliest} ms`);
}

/**
 * A session whose D1 writes fall early in the index window (`offsetInWindowMs` under half a report
 * window): a quiet message's write then rides with its report, whatever its gather.
 */
function sessionWritingEarly(site: TestSite): Promise<Visitor> {
  return startSessionWhere(site, (id) => offsetInWindowMs(id, INDEX_WINDOW_MS) < WINDOWS.reportWindowMs / 2, "with an index offset under half a report window");
}

describe("D1's conversation index, written on a schedule of its own", () => {
  it("spreads conversations over the window by their id, the same offset every time", () => {
    const ids = Array.from({ length: 400 }, () => crypto.randomUUID());
    const offsets = ids.map((id) => offsetInWindowMs(id, INDEX_WINDOW_MS));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(INDEX_WINDOW_MS);
    expect(ids.map((id) => offsetInWindowMs(id, INDEX_WINDOW_MS))).toEqual(offsets);
    // 400 ids over 20 slots of a twentieth of the window: a burst of them writes all through it.
    const slots = new Set(offsets.map((offset) => Math.floor((offset / INDEX_WINDOW_MS) * 20)));
    expect(slots.size).toBeGreaterThanOrEqual(18);
  });

  it("hears a state change at once, plain messages no sooner than a window later and no later than a window after them", async () => {
    const site = await createSite();
    const visitor = await sessionWritingLate(site);
    const id = visitor.session_id;

    // The first visitor message is a state change (the session is listed): D1 has it and the bot's answer at once.
    const first = await post(visitor, "hello there");
    expect(await indexedSeq(id)).toBeGreaterThan(first.seq);
    const written = await indexPlan(id);
    expect(written.due).toBeNull();

    // A plain message right after: planned a window after that write, so not in D1 yet.
    const second = await post(visitor, "what are your opening hours?");
    const sentAt = Date.now();
    const planned = await indexPlan(id);
    expect(planned.due).toBeGreaterThanOrEqual(written.last + INDEX_WINDOW_MS);
    expect(planned.due! - sentAt).toBeLessThanOrEqual(INDEX_WINDOW_MS);
    if (planned.due! - Date.now() > 100) expect(await indexedSeq(id)).toBeLessThan(second.seq);
    // More messages meanwhile keep the plan: a steady flow cannot hold D1 back.
    await post(visitor, "and on sundays?");
    expect((await indexPlan(id)).due).toBe(planned.due);
    await vi.waitFor(async () => expect(await indexedSeq(id)).toBeGreaterThan(second.seq), REPORTED);
    expect((await indexPlan(id)).due).toBeNull();

    // After a quiet window, a message is planned at the conversation's own offset from when it came.
    const lastWrite = (await indexPlan(id)).last;
    await vi.waitUntil(() => Date.now() > lastWrite + INDEX_WINDOW_MS, { timeout: 2 * INDEX_WINDOW_MS, interval: 50 });
    const before = Date.now();
    const third = await post(visitor, "thanks");
    const after = Date.now();
    const offset = offsetInWindowMs(id, INDEX_WINDOW_MS);
    const quiet = await indexPlan(id);
    expect(quiet.due).toBeGreaterThanOrEqual(before + offset);
    expect(quiet.due).toBeLessThanOrEqual(after + offset);
    await vi.waitFor(async () => expect(await indexedSeq(id)).toBeGreaterThanOrEqual(third.seq), REPORTED);
  });

  it("sends D1 a state the session adopted from the lobby at once, not at the conversation's offset", async () => {
    const site = await createSite();
    const sam = await createAgent(site, { name: "Sam" });
    const visitor = await startSession(site);
    const id = visitor.session_id;
    await post(visitor, "hello");
    await escalate(visitor, "help");
    await vi.waitFor(async () => expect((await indexRow(id))?.status).toBe("waiting"), REPORTED);

    // Sam writes into the waiting conversation: the lobby gives it to him (a claim, no request of the session's own).
    const reply = await agentRequest(`/api/chat/${id}/messages`, { cookie: sam.cookie, body: { content: "Sam here" } });
    expect(reply.status).toBe(201);
    const plan = await indexPlan(id);
    if (plan.due !== null) expect(plan.due).toBeLessThanOrEqual(Date.now());
    await vi.waitFor(async () => expect(await indexRow(id)).toMatchObject({ status: "assigned", assignee_id: sam.id }), REPORTED);
  });

  // Early: the write rides with the quiet message's report; late: it goes to the lobby on its own.
  it.each([
    { call: "report", carrying: "the report carrying it", session: sessionWritingEarly },
    { call: "writeIndex", carrying: "its hand-off to the lobby", session: sessionWritingLate },
  ] as const)("sends D1 the messages again, a window later, when $carrying failed", async ({ call, session }) => {
    const site = await createSite({ botEnabled: false });
    const visitor = await session(site);
    const id = visitor.session_id;
    const opening = await post(visitor, "is anyone there?");
    await vi.waitFor(async () => expect(await indexedSeq(id)).toBeGreaterThanOrEqual(opening.seq), REPORTED);
    // Quiet for both windows: the next message's write is planned at the conversation's offset.
    const { last } = await indexPlan(id);
    const lastReportAt = await runInDurableObject(sessionOf(id), (_, state) => new SessionStore(state.storage.kv).lastReportAt());
    const quietAt = Math.max(last + INDEX_WINDOW_MS, lastReportAt + WINDOWS.reportWindowMs);
    await vi.waitUntil(() => Date.now() > quietAt, { timeout: 2 * INDEX_WINDOW_MS, interval: 50 });

    const failing = vi.spyOn(AgentLobby.prototype, call).mockRejectedValueOnce(new Error("the lobby is not reachable"));
    const plain = await post(visitor, "my order never came");
    await vi.waitFor(() => expect(failing).toHaveBeenCalledTimes(1), REPORTED);
    if (call === "report") expect((failing.mock.calls[0]![0] as { index?: unknown }).index, "the failed report carried D1's write").toBeDefined();
    await vi.waitFor(async () => expect(await indexedSeq(id)).toBeGreaterThanOrEqual(plain.seq), REPORTED);
    failing.mockRestore();
  });

  // Unreachable: D1 never had the escalation; answer lost: it had it, and the second send is a repeat.
  it.each(["unreachable", "answer lost"] as const)("sends D1 an escalation and the state it brought again, a window later, when its write was %s", async (how) => {
    const site = await createSite();
    const visitor = await indexedVisitor(site);
    const id = visitor.session_id;

    const reason = `my parcel is lost ${crypto.randomUUID()}`;
    const failing = failD1Calls({ how, matching: reason });
    try {
      const askedAt = Date.now();
      const asked = await escalate(visitor, reason);
      expect(asked.status).toBe(201);
      expect(failing.failed()).toBe(1);
      // Paced: the next try waits a window after the failed one, the alarm does not loop meanwhile.
      expect((await indexPlan(id)).due).toBeGreaterThanOrEqual(askedAt + INDEX_WINDOW_MS);

      await vi.waitFor(async () => {
        expect((await indexRow(id))?.status).toBe("waiting");
        expect(await escalationRows(id)).toEqual([reason]);
      }, REPORTED);
      // D1 goes on hearing of the conversation: nothing is left to fail its next writes.
      const later = await post(visitor, "are you there?");
      await vi.waitFor(async () => expect(await indexedSeq(id)).toBeGreaterThanOrEqual(later.seq), REPORTED);
      expect(await escalationRows(id)).toEqual([reason]);
    } finally {
      failing.restore();
    }
  });

  it("sends D1 a change the lobby made again, from an alarm of its own, when the hand-over's write failed", async () => {
    const site = await createSite();
    const sam = await createAgent(site, { name: "Sam" });
    // Over REST only: no socket, so no sweep keeps an alarm set.
    const visitor = await startSession(site);
    const id = visitor.session_id;
    await post(visitor, "hello");
    expect((await escalate(visitor, "help")).status).toBe(201);
    await vi.waitFor(async () => expect((await indexRow(id))?.status).toBe("waiting"), REPORTED);

    const dashboard = await DashboardSocket.open(sam);
    const failing = failD1Calls({ how: "unreachable", matching: sam.id });
    try {
      await assignFrom(dashboard, site, visitor);
      await vi.waitFor(() => expect(failing.failed()).toBe(1), REPORTED);
      await vi.waitFor(async () => expect(await indexRow(id)).toMatchObject({ status: "assigned", assignee_id: sam.id }), REPORTED);
    } finally {
      failing.restore();
      dashboard.end();
    }
  });

  it("sends the report facts an escalation set again when its write failed after a later write went", async () => {
    const site = await createSite();
    const sam = await createAgent(site, { name: "Sam" });
    const visitor = await indexedVisitor(site);
    const id = visitor.session_id;
    const dashboard = await DashboardSocket.open(sam);

    const reason = `slow ${crypto.randomUUID()}`;
    const failing = failD1Calls({ how: "unreachable", matching: reason, delayMs: 1_500 });
    try {
      const asking = escalate(visitor, reason);
      await vi.waitFor(() => expect(failing.calls()).toBe(1), REPORTED);
      // While the escalation's write is on its way, the lobby's assignment writes D1 after it and lands.
      await assignFrom(dashboard, site, visitor);
      expect((await asking).status).toBe(201);
      expect(failing.failed()).toBe(1);

      await vi.waitFor(async () => {
        expect(await escalationRows(id)).toEqual([reason]);
        const facts = await env.DB.prepare("SELECT escalated_at FROM conversation_facts WHERE conversation_id = ?").bind(id).first<{ escalated_at: number | null }>();
        expect(facts?.escalated_at).toEqual(expect.any(Number));
      }, REPORTED);
    } finally {
      failing.restore();
      dashboard.end();
    }
  });

  it("does not send again a write D1 refused: the refused escalation is lost with an error line, later writes go on", async () => {
    const site = await createSite();
    const visitor = await indexedVisitor(site);
    const id = visitor.session_id;

    const reason = `refused ${crypto.randomUUID()}`;
    const refusing = failD1Calls({ how: "unreachable", matching: reason, error: "D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT", times: 10 });
    try {
      const asked = await escalate(visitor, reason);
      expect(asked.status).toBe(201);
      expect(refusing.failed()).toBe(1);
      // Nothing is kept to send again: a retry would be refused at every window, and hold back the conversation's row.
      expect(await runInDurableObject(sessionOf(id), (_, state) => new SessionStore(state.storage.kv).unsentEscalations())).toEqual([]);

      const later = await post(visitor, "hello again");
      await vi.waitFor(async () => {
        const row = await indexRow(id);
        expect(row?.last_seq).toBeGreaterThanOrEqual(later.seq);
        expect(row?.status).toBe("waiting");
      }, REPORTED);
      expect(refusing.calls()).toBe(1);
      expect(await escalationRows(id)).toEqual([]);
    } finally {
      refusing.restore();
    }
  });

  it("starts an object from before D1 had a cursor of its own where the lobby's was, and keeps it there", async () => {
    const stub = sessionOf(`index-cursor-${crypto.randomUUID()}`);
    await runInDurableObject(stub, (_, state) => {
      state.storage.kv.put("reported_seq", 7);
      const store = new SessionStore(state.storage.kv);
      expect(store.indexedSeq()).toBe(7);
      // The lobby's cursor moves on (a report): D1's stays at what D1 was sent.
      store.setReportCursor({ seq: 9 });
      expect(store.indexedSeq()).toBe(7);
      expect(new SessionStore(state.storage.kv).indexedSeq()).toBe(7);
      store.setIndexCursor({ seq: 9 });
      expect(new SessionStore(state.storage.kv).indexedSeq()).toBe(9);
    });
  });

  /**
   * The two cursors are one key each (SPEC §2 cost rule: a report's bookkeeping is storage
   * rows too): an object that kept them in one key per field reads on from those, and from
   * then on a report's claim and an index write's claim each write one row.
   */
  it("reads the cursors an object kept field by field, and writes each claim as one row", async () => {
    const stub = sessionOf(`index-cursor-${crypto.randomUUID()}`);
    await runInDurableObject(stub, (_, state) => {
      const kv = state.storage.kv;
      const legacy = { reported_seq: 12, last_report_at: 1_000, indexed_seq: 10, indexed_version: 3, last_index_at: 900, index_due_at: 5_000 };
      for (const [key, value] of Object.entries(legacy)) kv.put(key, value);
      const { kv: counted, writes } = countedKv(kv);
      const store = new SessionStore(counted);
      expect([store.reportCursor(), store.indexCursor()]).toEqual([
        { seq: 12, at: 1_000 },
        { seq: 10, version: 3, at: 900, dueAt: 5_000 },
      ]);

      store.setReportCursor({ seq: 15, at: 2_000 });
      store.setIndexCursor({ seq: 15, version: 4, at: 2_000, dueAt: null });
      store.setReportCursor({ seq: 18, at: 4_000 });
      store.setIndexCursor({ dueAt: 9_000 });
      store.setIndexCursor({ dueAt: 9_000 });

      // The first claim also moves D1's cursor into its key, as the object knew it then.
      expect(writes).toEqual(["index_cursor", "report_cursor", "index_cursor", "report_cursor", "index_cursor"]);
      const woken = new SessionStore(kv);
      expect([woken.reportCursor(), woken.indexCursor()]).toEqual([
        { seq: 18, at: 4_000 },
        { seq: 15, version: 4, at: 2_000, dueAt: 9_000 },
      ]);
    });
  });

  it("keeps the oldest and the newest escalations for D1 while its writes fail, a bounded number", async () => {
    const stub = sessionOf(`unsent-${crypto.randomUUID()}`);
    await runInDurableObject(stub, (_, state) => {
      const escalation = (n: number) => ({ id: `e${n}`, conversation_id: "c", reason: `asked ${n}`, metadata: {}, created_at: new Date(n).toISOString() });
      const store = new SessionStore(state.storage.kv);
      store.setUnsentEscalations(Array.from({ length: 50 }, (_, n) => escalation(n)));
      const kept = new SessionStore(state.storage.kv).unsentEscalations();
      expect(kept.length).toBeLessThan(50);
      // The oldest gives the report facts their escalation time (SPEC §11); then the newest.
      expect(kept.map((each) => each.id)).toEqual(["e0", ...Array.from({ length: kept.length - 1 }, (_, n) => `e${51 - kept.length + n}`)]);
      store.setUnsentEscalations([]);
      expect(new SessionStore(state.storage.kv).unsentEscalations()).toEqual([]);
    });
  });
});
