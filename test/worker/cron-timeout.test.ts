import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { chatLimits } from "../../src/config";
import { closeTimedOut } from "../../src/jobs/close-timed-out";
import { AgentLobby } from "../../src/objects/agent-lobby";
import { SYSTEM_EVENTS, type HistoryResponse } from "../../src/protocol";
import { createAgent, DashboardSocket } from "./agents";
import { runCron } from "./cron";
import { createSite, request, startSession, type TestSite, type Visitor } from "./helpers";
import { REPORTED } from "./reported";

const limits = chatLimits(env);

/** Longer ago than the session timeout (ms). */
const longAgo = () => Date.now() - limits.sessionTimeoutMs - 60_000;

const rowOf = (id: string) =>
  env.DB.prepare("SELECT status, closed_at, updated_at FROM conversations WHERE id = ?")
    .bind(id)
    .first<{ status: string; closed_at: number | null; updated_at: number }>();

const sessionOf = (id: string) => env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(id));
const lobbyOf = (site: TestSite) => env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));

/** A visitor who wrote and asked for a human: an open conversation in the lobby's queue and D1. */
async function waitingVisitor(site: TestSite): Promise<Visitor> {
  const visitor = await startSession(site);
  await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "where is my order?" } });
  await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason: "help" } });
  await vi.waitFor(async () => expect((await rowOf(visitor.session_id))?.status).toBe("waiting"), REPORTED);
  return visitor;
}

/** The conversation's own clock says nothing happened since the timeout. */
async function idleByItsClock(visitor: Visitor): Promise<void> {
  await runInDurableObject(sessionOf(visitor.session_id), (_, state) => state.storage.kv.put("last_activity_at", longAgo()));
}

/** D1's row has not moved since the timeout: what the Cron's sweep looks for. */
async function staleInD1(visitor: Visitor): Promise<void> {
  await env.DB.prepare("UPDATE conversations SET updated_at = ? WHERE id = ?").bind(longAgo(), visitor.session_id).run();
}

async function history(visitor: Visitor): Promise<HistoryResponse> {
  return (await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token })).json();
}

describe("the Cron's timeout sweep (SPEC §11), a safety net under the lobby's", () => {
  it("closes open conversations of every workspace that the lobby lost track of, each only when idle by its own clock", async () => {
    const shop = await createSite();
    const other = await createSite();
    const idle = await waitingVisitor(shop);
    const idleElsewhere = await waitingVisitor(other);
    const busy = await waitingVisitor(shop);
    // The lobbies forget them (a lost entry is what the Cron is there for): their own sweeps cannot close them.
    for (const site of [shop, other]) {
      await runInDurableObject(lobbyOf(site), (_, state) => state.storage.sql.exec("DELETE FROM customers"));
    }
    for (const visitor of [idle, idleElsewhere]) await idleByItsClock(visitor);
    for (const visitor of [idle, idleElsewhere, busy]) await staleInD1(visitor);

    await runCron();

    for (const visitor of [idle, idleElsewhere]) {
      expect(await rowOf(visitor.session_id)).toMatchObject({ status: "closed", closed_at: expect.any(Number) });
      const lines = (await history(visitor)).messages.filter((m) => m.metadata?.event === SYSTEM_EVENTS.closed);
      expect(lines.map((m) => m.metadata?.reason)).toEqual(["timeout"]);
    }
    // Stale in D1 only: the conversation's clock says it is alive, so it stays open.
    expect(await rowOf(busy.session_id)).toMatchObject({ status: "waiting", closed_at: null });
    expect((await history(busy)).messages.some((m) => m.metadata?.event === SYSTEM_EVENTS.closed)).toBe(false);

    // The busy one's next message moves its row; closed ones are not asked again: nothing is left to ask.
    await request(`/api/chat/${busy.session_id}/messages`, { token: busy.visitor_token, body: { content: "still there?" } });
    await vi.waitFor(async () => expect((await rowOf(busy.session_id))!.updated_at).toBeGreaterThan(longAgo()), REPORTED);
    expect(await closeTimedOut(env)).toEqual({ asked: 0, closed: 0 });
  });

  it("writes D1's row again for a conversation that closed without D1 hearing of it", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    const visitor = await waitingVisitor(site);
    const dashboard = await DashboardSocket.open(agent);
    const who = { customer_id: visitor.visitor_id, page_id: site.siteId };
    await dashboard.request({ type: "assign_agent", data: who }, "agent_assigned");
    await dashboard.request({ type: "close_session", data: who }, "session_closed");
    await vi.waitFor(async () => expect((await rowOf(visitor.session_id))?.status).toBe("closed"), REPORTED);
    dashboard.end();
    // D1 missed the close: the row still says assigned, at the version before it.
    await env.DB.prepare("UPDATE conversations SET status = 'assigned', closed_at = NULL, state_version = state_version - 1, updated_at = ? WHERE id = ?")
      .bind(longAgo(), visitor.session_id)
      .run();

    await runCron();

    expect(await rowOf(visitor.session_id)).toMatchObject({ status: "closed", closed_at: expect.any(Number) });
    // Closed once: the repair added no second close line.
    const lines = (await history(visitor)).messages.filter((m) => m.metadata?.event === SYSTEM_EVENTS.closed);
    expect(lines).toHaveLength(1);
  });

  it("asks the lobby again when its answer to a timeout never came, and counts the close only once confirmed", async () => {
    const site = await createSite();
    const visitor = await waitingVisitor(site);
    await idleByItsClock(visitor);
    await staleInD1(visitor);
    // The lobby cannot take the timeout's report (a reset in a deploy, say): the room shows the
    // close it assumed, while the lobby and D1 still have the conversation waiting.
    const report = vi.spyOn(AgentLobby.prototype, "report").mockRejectedValueOnce(new Error("lobby reset"));
    expect(await closeTimedOut(env)).toEqual({ asked: 1, closed: 0 });
    report.mockRestore();
    expect(await rowOf(visitor.session_id)).toMatchObject({ status: "waiting" });

    await staleInD1(visitor);
    expect(await closeTimedOut(env)).toEqual({ asked: 1, closed: 1 });
    expect(await rowOf(visitor.session_id)).toMatchObject({ status: "closed", closed_at: expect.any(Number) });
    expect(await lobbyOf(site).stoppedCustomers({ agentId: "x", limit: 10, skip: 0 })).toMatchObject({ total: 0 });
    const lines = (await history(visitor)).messages.filter((m) => m.metadata?.event === SYSTEM_EVENTS.closed);
    expect(lines).toHaveLength(1);
  });

  it("asks at most a batch per run, so a backlog is worked off over several runs", async () => {
    const site = await createSite();
    const visitors = [await waitingVisitor(site), await waitingVisitor(site), await waitingVisitor(site)];
    for (const visitor of visitors) {
      await idleByItsClock(visitor);
      await staleInD1(visitor);
    }
    expect(await closeTimedOut(env, Date.now(), 2)).toEqual({ asked: 2, closed: 2 });
    expect(await closeTimedOut(env, Date.now(), 2)).toEqual({ asked: 1, closed: 1 });
    for (const visitor of visitors) expect((await rowOf(visitor.session_id))?.status).toBe("closed");
  });
});
