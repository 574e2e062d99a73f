import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { rewriteAttachments } from "./attachments";
import { describe, expect, it, vi } from "vitest";
import { chatLimits } from "../../src/config";
import { CLOSE_CODES, CLOSE_REASONS, PING, SYSTEM_EVENTS } from "../../src/protocol";
import { createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession, TestSocket } from "./helpers";
import { REPORTED } from "./reported";

const limits = chatLimits(env);

const DAY = 24 * 60 * 60 * 1000;

describe("session inactivity timeout", () => {
  it("closes an idle session from the lobby's sweep, with a system message, and a new message reopens it", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason: "help" } });
    await socket.next("status", (f) => f.status === "waiting");

    // The lobby keeps each open session's inactivity deadline; its alarm is due by the first one.
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    const lobby = env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));
    const lobbyAlarm = await runInDurableObject(lobby, (_, state) => state.storage.getAlarm());
    expect(lobbyAlarm).not.toBeNull();
    expect(lobbyAlarm!).toBeLessThanOrEqual(Date.now() + limits.sessionTimeoutMs);

    // Not idle yet: the sweep asks nobody, or the session says it is not idle.
    const lookAgain = async () =>
      runInDurableObject(lobby, async (_, state) => {
        state.storage.sql.exec("UPDATE customers SET last_activity_at = ?", Date.now() - DAY - 1000);
        await state.storage.setAlarm(Date.now() + 60_000);
      });
    await lookAgain();
    expect(await runDurableObjectAlarm(lobby)).toBe(true);
    expect(socket.of("status").at(-1)?.status).toBe("waiting");

    // Idle by the session's own clock: the next sweep closes it.
    await runInDurableObject(stub, (_, state) => state.storage.kv.put("last_activity_at", Date.now() - DAY - 1000));
    await lookAgain();
    expect(await runDurableObjectAlarm(lobby)).toBe(true);

    expect(await socket.next("status", (f) => f.status === "closed")).toEqual({ type: "status", status: "closed", agent: null });
    const note = await socket.next("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.closed);
    expect(note.message).toMatchObject({ sender_type: "system", metadata: { reason: "timeout" } });
    const row = await env.DB.prepare("SELECT status, closed_at FROM conversations WHERE id = ?").bind(visitor.session_id).first();
    expect(row).toMatchObject({ status: "closed" });
    expect(await lobby.stoppedCustomers({ agentId: "x", limit: 10, skip: 0 })).toMatchObject({ total: 0 });

    const again = await startSession(site, visitor.browserSessionId);
    expect(again.session_id).toBe(visitor.session_id);
    // A human was asked for before, so writing again puts the visitor back in the queue.
    socket.send({ type: "message", client_msg_id: "back", content: "shipping time?" });
    expect(await socket.next("status", (f) => f.status === "waiting")).toMatchObject({ status: "waiting" });
    await socket.next("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.reopened);
    await vi.waitFor(async () => {
      const reopened = await env.DB.prepare("SELECT status FROM conversations WHERE id = ?").bind(visitor.session_id).first();
      expect(reopened).toMatchObject({ status: "waiting" });
    }, REPORTED);
  });

  it("sets no alarm on a conversation without sockets once its report is out", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const posted = await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "shipping?" } });
    expect(posted.status).toBe(201);
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    await vi.waitFor(async () => expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBeNull(), REPORTED);
  });

  it("closes sockets that stay silent longer than CHAT_CONNECTION_TIMEOUT", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    expect(await sweepPlanned(stub)).toBe(true);
    await sweepSilent(stub);
    expect(await socket.untilClosed()).toEqual({ code: CLOSE_CODES.idle, reason: CLOSE_REASONS.idle });
  });

  it("sweeps a conversation's sockets when the sweep is due, not at every alarm its reports wake it for", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    const planned = await sweepDueAt(stub);
    expect(planned).toBeGreaterThan(Date.now());
    expect(planned).toBeLessThanOrEqual(Date.now() + limits.sweepMs);
    await ageSockets(stub);

    // An alarm before the sweep is due (a report's) leaves the silent socket and the plan alone.
    socket.send({ type: "message", client_msg_id: "a", content: "hello" });
    await socket.next("message", (f) => f.message.client_msg_id === "a");
    await ageSockets(stub);
    await runDurableObjectAlarm(stub);
    socket.send({ type: "load_older", before: 1 });
    await socket.nextNew("older");
    expect(socket.closed).toBeNull();
    expect(await sweepDueAt(stub)).toBe(planned);
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBeLessThanOrEqual(planned!);

    await sweepSilent(stub);
    expect(await socket.untilClosed()).toEqual({ code: CLOSE_CODES.idle, reason: CLOSE_REASONS.idle });
  });
});

describe("the SPEC §10 sweep, on both kinds of socket", () => {
  it("closes a dashboard socket silent longer than CHAT_CONNECTION_TIMEOUT, as it does a room socket", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    const dashboard = await DashboardSocket.open(agent);
    const lobby = env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));
    expect(await sweepPlanned(lobby)).toBe(true);
    await sweepSilent(lobby);
    expect(await dashboard.untilClosed()).toEqual({ code: CLOSE_CODES.idle, reason: CLOSE_REASONS.idle });
  });

  it("keeps a socket that only pings: the runtime's answer to a ping counts as a sign of life", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    const dashboard = await DashboardSocket.open(agent);
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const lobby = env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));
    const room = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    await ageSockets(lobby);
    await ageSockets(room);
    await dueSweep(lobby);
    await dueSweep(room);
    // Pings are answered without waking the object; the answers prove the runtime saw them.
    const answered = Promise.all([dashboard.nextPong(), socket.nextPong()]);
    for (const pinger of [dashboard, socket]) pinger.send(PING);
    await answered;
    await runDurableObjectAlarm(lobby);
    await runDurableObjectAlarm(room);
    // Each object answers a request after its sweep, so a close would have come first.
    await dashboard.request({ type: "get_stopped_customers", data: {} }, "stopped_customers");
    socket.send({ type: "load_older", before: 1 });
    await socket.nextNew("older");
    expect(dashboard.closed).toBeNull();
    expect(socket.closed).toBeNull();
  });
});

/** Makes every socket of an object look silent for longer than the connection timeout. */
async function ageSockets(stub: DurableObjectStub): Promise<void> {
  await rewriteAttachments(stub, (attachment) => ({ ...attachment, lastSeenAt: Date.now() - limits.connectionTimeoutMs - 1_000 }));
}

/** When an object next sweeps its sockets (ms), as it keeps it in storage (src/objects/sweep-plan.ts). */
function sweepDueAt(stub: DurableObjectStub): Promise<number | null> {
  return runInDurableObject(stub, (_, state) => state.storage.kv.get<number>("sweep_due_at") ?? null);
}

/** Ages the object's sockets past the timeout, makes its sweep due and runs its alarm. */
async function sweepSilent(stub: DurableObjectStub): Promise<void> {
  await ageSockets(stub);
  await dueSweep(stub);
  await runDurableObjectAlarm(stub);
}

/** Makes an object's sweep due now, as if `CHAT_SWEEP_SECONDS` had passed since the last. */
async function dueSweep(stub: DurableObjectStub): Promise<void> {
  await runInDurableObject(stub, (_, state) => state.storage.kv.put("sweep_due_at", Date.now()));
}

/** Whether the object's alarm is set, and no later than one sweep from now. */
async function sweepPlanned(stub: DurableObjectStub): Promise<boolean> {
  const alarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
  return alarm !== null && alarm <= Date.now() + limits.sweepMs;
}
