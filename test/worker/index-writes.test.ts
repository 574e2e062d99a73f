import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentLobby } from "../../src/objects/agent-lobby";
import type { IndexStatement } from "../../src/objects/contracts";
import type { Message } from "../../src/protocol";
import { lobbyOf } from "../../src/objects/stubs";
import { startCostMeter, type CostMeter } from "./cost-meter";
import { createSite, request, startSession, type Visitor } from "./helpers";
import { REPORTED } from "./reported";

/**
 * The lobby's batch of its workspace's D1 index writes (src/objects/agent-lobby/index-writes.ts,
 * SPEC §2): the conversations' coalesced writes are queued in the lobby's storage and go to D1
 * in one call, and a write D1 refuses holds back no other.
 */

const lobbyStub = (workspaceId: string) => env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(workspaceId));

const setLastSeq = (visitor: Visitor, seq: number): IndexStatement => ({
  sql: "UPDATE conversations SET last_seq = ? WHERE id = ?",
  params: [seq, visitor.session_id],
});

const lastSeqs = (visitors: Visitor[]) =>
  Promise.all(
    visitors.map(async (visitor) => {
      const row = await env.DB.prepare("SELECT last_seq FROM conversations WHERE id = ?").bind(visitor.session_id).first<{ last_seq: number }>();
      return row!.last_seq;
    }),
  );

/** The writes still queued in the lobby: conversation and attempts, oldest first. */
const queued = (workspaceId: string) =>
  runInDurableObject(lobbyStub(workspaceId), (_, state) =>
    state.storage.sql.exec<{ conversation_id: string; attempts: number }>("SELECT conversation_id, attempts FROM index_writes ORDER BY id").toArray(),
  );

/** Runs the lobby's alarm with its batch due now, as if the gathering time had passed. */
async function flushNow(workspaceId: string): Promise<void> {
  const stub = lobbyStub(workspaceId);
  await runInDurableObject(stub, (_, state) => {
    if (state.storage.kv.get("index_flush_due") !== undefined) state.storage.kv.put("index_flush_due", Date.now());
  });
  await runDurableObjectAlarm(stub);
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

  it("keeps a write D1 refuses for a few batches while the others go, then drops it", async () => {
    const site = await createSite();
    const [a, b] = await Promise.all([startSession(site), startSession(site)]);
    const lobby = lobbyOf(env, site.workspaceId);
    await lobby.writeIndex(a.session_id, [setLastSeq(a, 7)]);
    await lobby.writeIndex("broken", [{ sql: "UPDATE no_such_table SET x = 1", params: [] }]);
    await lobby.writeIndex(b.session_id, [setLastSeq(b, 9)]);
    await flushNow(site.workspaceId);
    expect(await lastSeqs([a, b])).toEqual([7, 9]);
    expect(await queued(site.workspaceId)).toEqual([{ conversation_id: "broken", attempts: 1 }]);
    await flushNow(site.workspaceId);
    expect(await queued(site.workspaceId)).toEqual([{ conversation_id: "broken", attempts: 2 }]);
    await flushNow(site.workspaceId);
    expect(await queued(site.workspaceId)).toEqual([]);
  });

  it("brings a conversation's plain messages to D1 through it, and its state changes straight from the conversation", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const post = async (content: string) => {
      const response = await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content } });
      expect(response.status).toBe(201);
      return ((await response.json()) as Message).seq;
    };
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
});
