import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { rewriteAttachments } from "./attachments";
import { describe, expect, it } from "vitest";
import { rememberSessionRoom, ROOMS_TOLD_AT_ONCE, sessionIdOf } from "../../src/auth/agent-sessions";
import { agentPrincipal } from "../../src/auth/caller";
import { database } from "../../src/db/client";
import type { DashboardUpgradeContext } from "../../src/objects/agent-lobby";
import { UPGRADE_CONTEXT_HEADER, type ChatUpgradeContext, type ConversationRef } from "../../src/objects/contracts";
import { CLOSE_CODES, SIGNED_OUT_REASONS } from "../../src/protocol";
import { AgentRoom, agentRequest, createAgent, DashboardSocket, signInAgain } from "./agents";
import { createSite, startSession, TestSocket } from "./helpers";

describe("ending a sign-in ends its sockets (SPEC §5)", () => {
  it("closes the dashboard and room sockets opened with a sign-in on logout, and only those", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const visitorSocket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const agent = await createAgent(site, { name: "Sam" });
    const elsewhere = await signInAgain(agent);
    const dashboard = await DashboardSocket.open(agent);
    const room = await AgentRoom.open(visitor.session_id, agent);
    const otherDashboard = await DashboardSocket.open(elsewhere);
    const otherRoom = await AgentRoom.open(visitor.session_id, elsewhere);

    expect((await agentRequest("/api/auth/logout", { method: "POST", cookie: agent.cookie })).status).toBe(204);
    const signedOut = { code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.loggedOut };
    expect(await dashboard.untilClosed()).toEqual(signedOut);
    expect(await room.untilClosed()).toEqual(signedOut);
    expect((await agentRequest("/api/auth/me", { cookie: agent.cookie })).status).toBe(401);
    expect((await DashboardSocket.upgrade(agent.cookie)).status).toBe(401);

    // The other sign-in carries on: its dashboard answers and its room still stores and delivers.
    const answered = await otherDashboard.request({ type: "get_sessions", data: {} }, "sessions");
    expect(answered.type).toBe("sessions");
    otherRoom.send({ type: "message", client_msg_id: "still-here", content: "Still here" });
    await visitorSocket.next("message", (f) => f.message.client_msg_id === "still-here");
    expect(otherDashboard.closed).toBeNull();
    expect(otherRoom.closed).toBeNull();
  });

  it("closes a socket when its sign-in expires, at the time it expires", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const visitorSocket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const agent = await createAgent(site);
    const expiresAt = Date.now() + 1_500;
    await env.DB.prepare("UPDATE auth_sessions SET expires_at = ? WHERE agent_id = ?").bind(expiresAt, agent.id).run();
    const dashboard = await DashboardSocket.open(agent);
    const room = await AgentRoom.open(visitor.session_id, agent);

    // Each object set its alarm for the expiry, so the sockets close then with no frame from anyone.
    const roomStub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    expect(await runInDurableObject(roomStub, (_, state) => state.storage.getAlarm())).toBeLessThanOrEqual(expiresAt);
    const expired = { code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.expired };
    expect(await dashboard.untilClosed(15_000)).toEqual(expired);
    expect(await room.untilClosed(15_000)).toEqual(expired);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);

    // Visitor messages after the expiry reach nobody who signed in with it.
    visitorSocket.send({ type: "message", client_msg_id: "after", content: "hello?" });
    await visitorSocket.next("message", (f) => f.message.client_msg_id === "after");
    expect(room.of("message").some((f) => f.message.client_msg_id === "after")).toBe(false);
  });

  it("refuses a frame from a socket whose sign-in has ended, closing it instead", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const agent = await createAgent(site);
    const room = await AgentRoom.open(visitor.session_id, agent);
    const roomStub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    await rewriteAttachments(roomStub, (attachment) => ({ ...attachment, auth: { ...attachment.auth!, expiresAt: Date.now() - 1 } }), "agent");
    room.send({ type: "message", client_msg_id: "late", content: "Too late" });
    expect(await room.untilClosed()).toEqual({ code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.expired });
    const history = await (await agentRequest(`/api/chat/${visitor.session_id}/history`, { cookie: (await createAgent(site)).cookie })).json();
    expect(history).toMatchObject({ count: 0 });
  });

  it("tells the rooms of live sign-ins only when an agent is deactivated", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const agent = await createAgent(site);
    const visitors = await Promise.all([startSession(site), startSession(site)]);
    // One room opened with a sign-in that has since ended: its row went with it.
    const old = await AgentRoom.open(visitors[0].session_id, agent);
    await agentRequest("/api/auth/logout", { method: "POST", cookie: agent.cookie });
    await old.untilClosed();
    const fresh = await signInAgain(agent);
    const room = await AgentRoom.open(visitors[1].session_id, fresh);
    const rooms = await env.DB.prepare(
      "SELECT conversation_id FROM auth_session_rooms r JOIN auth_sessions s ON s.id = r.session_id WHERE s.agent_id = ?",
    )
      .bind(agent.id)
      .all<{ conversation_id: string }>();
    expect(rooms.results.map((r) => r.conversation_id)).toEqual([visitors[1].session_id]);

    await agentRequest(`/api/agents/${agent.id}`, { method: "PATCH", cookie: admin.cookie, body: { active: false } });
    expect(await room.untilClosed()).toEqual({ code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.deactivated });
    const left = await env.DB.prepare("SELECT count(*) AS n FROM auth_sessions WHERE agent_id = ?").bind(agent.id).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });
});

describe("ending a sign-in that opened many rooms", () => {
  it("closes every room, told a page at a time", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    const visitors = await Promise.all(Array.from({ length: ROOMS_TOLD_AT_ONCE + 2 }, () => startSession(site)));
    const rooms = await Promise.all(visitors.map((visitor) => AgentRoom.open(visitor.session_id, agent)));
    await agentRequest("/api/auth/logout", { method: "POST", cookie: agent.cookie });
    const closes = await Promise.all(rooms.map((room) => room.untilClosed()));
    expect(closes.every((close) => close?.code === CLOSE_CODES.signedOut)).toBe(true);
  });
});

describe("a sign-in that ends while one of its sockets is on its way", () => {
  it("is refused with 4001 by a room and by the lobby when the upgrade arrives after the sign-in ended", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const agent = await createAgent(site, { name: "Sam" });
    const room = await AgentRoom.open(visitor.session_id, agent);
    const token = /parley_session=([^;]+)/.exec(agent.cookie)![1]!;
    const auth = { id: await sessionIdOf(token), expiresAt: Date.now() + 60_000 };
    await agentRequest("/api/auth/logout", { method: "POST", cookie: agent.cookie });
    await room.untilClosed();

    // The worker authorized these upgrades before the logout; they reach the objects after it.
    const roomStub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    const ref = await runInDurableObject(roomStub, (_, state) => state.storage.kv.get<ConversationRef>("ref")!);
    const principal = agentPrincipal({ id: agent.id, name: "Sam", workspaceId: site.workspaceId, role: "agent" });
    const lateRoom: ChatUpgradeContext = { ref, principal, afterSeq: null, auth };
    const lateDashboard: DashboardUpgradeContext = {
      agent: { id: agent.id, name: "Sam", email: agent.email, role: "agent" },
      workspaceId: site.workspaceId,
      auth,
    };
    const lobbyStub = env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));
    for (const [stub, context] of [
      [roomStub, lateRoom],
      [lobbyStub, lateDashboard],
    ] as const) {
      const response = await stub.fetch(
        new Request("http://parley.test/late", { headers: { Upgrade: "websocket", [UPGRADE_CONTEXT_HEADER]: JSON.stringify(context) } }),
      );
      const ws = response.webSocket!;
      ws.accept();
      const closed = await new Promise<CloseEvent>((resolve) => ws.addEventListener("close", resolve));
      expect({ code: closed.code, reason: closed.reason }).toEqual({ code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.loggedOut });
    }
  });

  it("records a room for a sign-in only while the sign-in stands, so a late upgrade is refused with 401", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const agent = await createAgent(site);
    const token = /parley_session=([^;]+)/.exec(agent.cookie)![1]!;
    const signIn = { id: await sessionIdOf(token), expiresAt: Date.now() + 60_000 };
    const db = database(env.DB);
    expect(await rememberSessionRoom(db, signIn, visitor.session_id, Date.now())).toBe(true);
    expect(await rememberSessionRoom(db, signIn, visitor.session_id, Date.now())).toBe(true);
    await agentRequest("/api/auth/logout", { method: "POST", cookie: agent.cookie });
    expect(await rememberSessionRoom(db, signIn, visitor.session_id, Date.now())).toBe(false);
  });
});
