import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { chatLimits } from "../../src/config";
import { toHex } from "../../src/lib/encoding";
import { hmacSha256 } from "../../src/lib/hmac";
import { CLOSE_CODES, CLOSE_REASONS } from "../../src/protocol";
import { AgentRoom, agentRoomUpgrade, createAgent, DashboardSocket } from "./agents";
import { failD1Calls } from "./d1-failures";
import { REMEMBERED_REFUSAL_DELAY_MS } from "../../src/lib/cool-downs";
import { COOL_DOWN_HEADER } from "../../src/objects/contracts";
import { createSite, request, startSession, TestSocket } from "./helpers";

const limits = chatLimits(env);

/**
 * Accepts an upgrade that the object should refuse at once, and resolves to how it closed, or to
 * the first frame it sent if it took the socket instead.
 */
async function closeOfRefused(response: Response): Promise<{ code: number; reason: string } | { greeted: string }> {
  const ws = response.webSocket!;
  ws.accept();
  return new Promise((resolve) => {
    ws.addEventListener("message", (event) => resolve({ greeted: String(event.data).slice(0, 200) }));
    ws.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason }));
  });
}

/** The most a budget can let through in `elapsedMs`: the burst plus what refilled meanwhile. */
const budgetBound = (elapsedMs: number) => limits.rateBurst + Math.ceil((elapsedMs / 1000) * limits.ratePerSecond);

describe("limits belong to a person, not to a socket (SPEC §10)", () => {
  it("runs the SPEC defaults", () => {
    expect(limits).toMatchObject({
      rateBurst: 30,
      ratePerSecond: 5,
      maxSocketsPerPerson: 5,
      maxSocketsPerConversation: 50,
      connectionTimeoutMs: 30_000,
      sweepMs: 300_000,
      maxMessageLength: 1000,
    });
  });

  it("gives one visitor one message budget however many sockets and REST calls they send from", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const sockets = await Promise.all(Array.from({ length: 5 }, () => TestSocket.open(visitor.session_id, visitor.visitor_token)));
    const started = Date.now();
    // 50 messages at once: well past one budget, short of a whole burst of refusals (see below).
    const PER_SOCKET = 7;
    sockets.forEach((socket, s) => {
      for (let i = 0; i < PER_SOCKET; i++) socket.send({ type: "message", client_msg_id: `s${s}-${i}`, content: `flood ${s}.${i}` });
    });
    const rest = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: `rest ${i}`, client_msg_id: `r-${i}` } }),
      ),
    );
    const refusedOf = (socket: TestSocket) => socket.of("error").filter((f) => f.code === "rate_limited").length;
    const storedFrom = (prefix: string) =>
      sockets[0]!.of("message").filter((f) => f.message.client_msg_id?.startsWith(prefix) && f.message.sender_type === "user").length;
    // Every frame is answered: stored (its echo reaches every socket) or refused on its own socket.
    await sockets[0]!.until(
      () => storedFrom("s") + sockets.reduce((sum, socket) => sum + refusedOf(socket), 0) === 5 * PER_SOCKET,
      "an answer to every frame",
    );
    await sockets[0]!.until(() => storedFrom("r-") === rest.filter((r) => r.status === 201).length, "the echo of every REST message");
    const elapsed = Date.now() - started;

    const stored = storedFrom("s") + storedFrom("r-");
    expect(stored).toBeGreaterThanOrEqual(limits.rateBurst);
    expect(stored).toBeLessThanOrEqual(budgetBound(elapsed));
    const refusedByRest = rest.filter((r) => r.status === 429);
    expect(refusedByRest.length).toBeGreaterThan(0);
    expect(await refusedByRest[0]!.json()).toMatchObject({ error: { code: "rate_limited" } });
    for (const socket of sockets) expect(socket.closed).toBeNull();
  });

  it("keeps another person's budget whole while one person floods the conversation", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const agent = await createAgent(site);
    const flooder = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const room = await AgentRoom.open(visitor.session_id, agent);
    const started = Date.now();
    for (let i = 0; i < 50; i++) flooder.send({ type: "message", client_msg_id: `f-${i}`, content: `flood ${i}` });
    const answered = () => flooder.of("message").filter((f) => f.message.client_msg_id?.startsWith("f-")).length + flooder.of("error").length;
    await flooder.until(() => answered() === 50, "an answer to every frame");
    const refused = flooder.of("error").filter((f) => f.code === "rate_limited");
    expect(refused.length).toBeGreaterThanOrEqual(50 - budgetBound(Date.now() - started));
    // Each refusal names the message it refused, so the client can mark exactly that one failed.
    expect(refused.every((f) => f.client_msg_id?.startsWith("f-"))).toBe(true);

    room.send({ type: "message", client_msg_id: "calm-1", content: "I can still write" });
    await flooder.next("message", (f) => f.message.client_msg_id === "calm-1");
    expect(room.of("error")).toEqual([]);
  });

  it("counts an identified user as one person across all their browsers: one budget, one socket cap", async () => {
    const site = await createSite({ botEnabled: false, identitySecret: "limits-identity-secret" });
    const hash = toHex(await hmacSha256("limits-identity-secret", "user-1"));
    const browsers = await Promise.all([startSession(site), startSession(site)]);
    for (const browser of browsers) {
      const identified = await request(`/api/widget/${site.siteKey}/identify`, {
        token: browser.visitor_token,
        body: { user_id: "user-1", user_hash: hash },
      });
      expect(identified.status).toBe(200);
    }
    const conversation = browsers[0].session_id;
    const [first, second] = browsers;
    const sockets = [
      ...(await Promise.all(Array.from({ length: 3 }, () => TestSocket.open(conversation, first.visitor_token)))),
      ...(await Promise.all(Array.from({ length: 2 }, () => TestSocket.open(conversation, second.visitor_token)))),
    ];
    expect(await closeOfRefused(await TestSocket.upgrade(conversation, second.visitor_token))).toEqual({ code: CLOSE_CODES.tooManySockets, reason: CLOSE_REASONS.tooManySockets });

    const started = Date.now();
    sockets.forEach((socket, s) => {
      for (let i = 0; i < 8; i++) socket.send({ type: "message", client_msg_id: `u${s}-${i}`, content: `from browser socket ${s}` });
    });
    const stored = () => sockets[0]!.of("message").filter((f) => f.message.sender_type === "user").length;
    const refused = () => sockets.reduce((sum, socket) => sum + socket.of("error").filter((f) => f.code === "rate_limited").length, 0);
    await sockets[0]!.until(() => stored() + refused() === 40, "an answer to every frame");
    expect(stored()).toBeLessThanOrEqual(budgetBound(Date.now() - started));
  });

  it("closes a socket that goes on sending through a whole burst of refusals, and only that socket", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const flooder = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const bystander = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const started = Date.now();
    // Invalid frames pay too: a flood of them spends the budget like any other.
    for (let i = 0; i < 3 * limits.rateBurst; i++) flooder.send({ type: "dance", i });
    expect(await flooder.untilClosed()).toEqual({ code: CLOSE_CODES.flooding, reason: CLOSE_REASONS.flooding });
    expect(flooder.of("error").filter((f) => f.code === "unknown_type").length).toBeLessThanOrEqual(budgetBound(Date.now() - started));
    expect(flooder.of("error").filter((f) => f.code === "rate_limited").length).toBeLessThanOrEqual(limits.rateBurst + 1);
    expect(bystander.closed).toBeNull();
  });

  /** A visitor of a new bot-less site whose socket flooded until it was closed (`flooding`): cooling down from now. */
  async function cooledFlooder() {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const flooder = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    for (let i = 0; i < 3 * limits.rateBurst; i++) flooder.send({ type: "dance", i });
    expect(await flooder.untilClosed()).toEqual({ code: CLOSE_CODES.flooding, reason: CLOSE_REASONS.flooding });
    return { site, visitor };
  }

  it("refuses a flooder's new sockets while their budget refills, and lets everyone else in", async () => {
    const { site, visitor } = await cooledFlooder();
    const agent = await createAgent(site);

    // Reopened at once, as a script would: refused before any socket or greeting, as an address over its upgrade limit is.
    const reopened = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token);
    expect(reopened.status).toBe(429);
    expect(reopened.webSocket).toBeNull();
    // Seconds until half the burst is back from empty (3 s with SPEC §10's defaults).
    expect(reopened.headers.get("Retry-After")).toBe(String(Math.ceil(limits.rateBurst / 2 / limits.ratePerSecond)));
    expect(await reopened.json()).toMatchObject({ error: { code: "rate_limited" } });
    // Everyone else is let in meanwhile.
    const room = await AgentRoom.open(visitor.session_id, agent);
    expect(room.of("hello")).toHaveLength(1);
  });

  it("answers a flooder's further reconnects in the worker, a second late, without D1 or the object, and lets them in when it ends", async () => {
    const { site, visitor } = await cooledFlooder();
    const other = await startSession(site);
    const first = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token);
    expect(first.status).toBe(429);
    // The exact time left travels from the object to the worker only.
    expect(first.headers.has(COOL_DOWN_HEADER)).toBe(false);

    // The conversation's D1 read (the authorization before the object), counted from now on.
    const reads = failD1Calls({ how: "through", matching: "left join", times: 1_000 });
    try {
      // With more than the delay left (3 s of cool-down): held, refused, told to wait, no read.
      const asked = Date.now();
      const again = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token);
      expect(Date.now() - asked).toBeGreaterThanOrEqual(REMEMBERED_REFUSAL_DELAY_MS);
      expect(again.status).toBe(429);
      expect(again.webSocket).toBeNull();
      expect(again.headers.has(COOL_DOWN_HEADER)).toBe(false);
      expect(Number(again.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
      expect(Number(again.headers.get("Retry-After"))).toBeLessThan(Number(first.headers.get("Retry-After")));
      expect(await again.json()).toMatchObject({ error: { code: "rate_limited" } });
      expect(reads.calls()).toBe(0);

      // Reconnecting on: every refusal still says to wait at least a second, and the attempt that
      // comes as the cool-down ends is let in, the only one to reach D1 and the object.
      let outcome = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token);
      for (let attempt = 0; outcome.status === 429 && attempt < 5; attempt++) {
        expect(Number(outcome.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
        outcome = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token);
      }
      expect(outcome.status).toBe(101);
      expect(reads.calls()).toBe(1);
      // Another visitor's socket is authorized and let in as ever.
      expect((await TestSocket.upgrade(other.session_id, other.visitor_token)).status).toBe(101);
      expect(reads.calls()).toBe(2);
    } finally {
      reads.restore();
    }
  });

  it("closes a person's socket over CHAT_MAX_SOCKETS_PER_PERSON with too_many_sockets, newest first", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const open = await Promise.all(
      Array.from({ length: limits.maxSocketsPerPerson }, () => TestSocket.open(visitor.session_id, visitor.visitor_token)),
    );
    const extra = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token);
    expect(extra.status).toBe(101);
    expect(extra.headers.get("Sec-WebSocket-Protocol")).toBe("parley.v1");
    expect(await closeOfRefused(extra)).toEqual({ code: CLOSE_CODES.tooManySockets, reason: CLOSE_REASONS.tooManySockets });
    for (const socket of open) expect(socket.closed).toBeNull();

    // Another person still gets in, and a closed tab makes room again.
    const agent = await createAgent(site);
    const room = await AgentRoom.open(visitor.session_id, agent);
    expect(room.of("hello")).toHaveLength(1);
    open[0]!.end();
    await open[0]!.untilClosed();
    const again = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(again.hello.session.id).toBe(visitor.session_id);
  });

  it("closes the socket over CHAT_MAX_SOCKETS_PER_CONVERSATION with too_many_sockets", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const people = Math.ceil(limits.maxSocketsPerConversation / limits.maxSocketsPerPerson);
    const agents = await Promise.all(Array.from({ length: people }, () => createAgent(site)));
    const rooms = await Promise.all(
      agents.flatMap((agent) => Array.from({ length: limits.maxSocketsPerPerson }, () => AgentRoom.open(visitor.session_id, agent))),
    );
    expect(rooms).toHaveLength(limits.maxSocketsPerConversation);
    const extra = AgentRoom.accept(await agentRoomUpgrade(visitor.session_id, (await createAgent(site)).cookie));
    expect(await extra.untilClosed()).toEqual({ code: CLOSE_CODES.tooManySockets, reason: CLOSE_REASONS.tooManySockets });
    expect(extra.of("hello")).toEqual([]);
  }, 60_000);

  it("closes an agent's flooding dashboard and refuses their new ones while the budget refills, not their colleagues'", async () => {
    const site = await createSite();
    const [flooder, colleague] = [await createAgent(site), await createAgent(site)];
    const dashboard = await DashboardSocket.open(flooder);
    for (let i = 0; i < 3 * limits.rateBurst; i++) dashboard.send({ type: "dance", i });
    expect(await dashboard.untilClosed()).toEqual({ code: CLOSE_CODES.flooding, reason: CLOSE_REASONS.flooding });

    const reopened = await DashboardSocket.upgrade(flooder.cookie);
    expect(reopened.status).toBe(429);
    expect(reopened.webSocket).toBeNull();
    expect(await reopened.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect((await DashboardSocket.open(colleague)).of("agents")).toHaveLength(1);
  });

  it("caps an agent's dashboards at CHAT_MAX_SOCKETS_PER_PERSON the same way", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    await Promise.all(Array.from({ length: limits.maxSocketsPerPerson }, () => DashboardSocket.open(agent)));
    expect(await closeOfRefused(await DashboardSocket.upgrade(agent.cookie))).toEqual({
      code: CLOSE_CODES.tooManySockets,
      reason: CLOSE_REASONS.tooManySockets,
    });
  });

  it("makes reads (polling, history) pay a budget of their own, so a read flood never blocks writing", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const started = Date.now();
    const reads = await Promise.all(
      Array.from({ length: limits.rateBurst + 10 }, (_, i) =>
        request(`/api/chat/${visitor.session_id}/${i % 2 ? "poll?after_seq=0" : "history"}`, { token: visitor.visitor_token }),
      ),
    );
    const refused = reads.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(await refused[0]!.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(reads.filter((r) => r.status === 200).length).toBeLessThanOrEqual(budgetBound(Date.now() - started));
    const write = await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "still writing" } });
    expect(write.status).toBe(201);
  });

  it("rate limits socket upgrades per client address, widget and dashboard alike", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const agent = await createAgent(site);
    const ip = "198.51.100.23";
    const statuses: number[] = [];
    // Counted per minute window: going on past twice the limit finds the refusal even when a
    // window ends during the loop. Each accepted socket is closed at once to stay under the caps.
    for (let i = 0; i < 240 && !statuses.includes(429); i++) {
      const response =
        i % 2 === 0
          ? await TestSocket.upgrade(visitor.session_id, visitor.visitor_token, { ip })
          : await DashboardSocket.upgrade(agent.cookie, undefined, ip);
      response.webSocket?.accept();
      response.webSocket?.close(1000, "done");
      statuses.push(response.status);
      if (response.status === 429) expect(await response.json()).toMatchObject({ error: { code: "rate_limited" } });
    }
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThanOrEqual(120);
    expect(statuses.slice(0, firstRefusal).every((s) => s === 101)).toBe(true);
    expect((await TestSocket.upgrade(visitor.session_id, visitor.visitor_token)).status).toBe(101);
  });
});
