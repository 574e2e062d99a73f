import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { chatLimits } from "../../src/config";
import { CLOSE_CODES, CLOSE_REASONS } from "../../src/protocol";
import { AgentRoom, agentRoomUpgrade, createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession, TestSocket } from "./helpers";

const limits = chatLimits(env);

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
    const PER_SOCKET = 20;
    sockets.forEach((socket, s) => {
      for (let i = 0; i < PER_SOCKET; i++) socket.send({ type: "message", client_msg_id: `s${s}-${i}`, content: `flood ${s}.${i}` });
    });
    const rest = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
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
    for (let i = 0; i < 60; i++) flooder.send({ type: "message", client_msg_id: `f-${i}`, content: `flood ${i}` });
    const answered = () => flooder.of("message").filter((f) => f.message.client_msg_id?.startsWith("f-")).length + flooder.of("error").length;
    await flooder.until(() => answered() === 60, "an answer to every frame");
    const refused = flooder.of("error").filter((f) => f.code === "rate_limited").length;
    expect(refused).toBeGreaterThanOrEqual(60 - budgetBound(Date.now() - started));

    room.send({ type: "message", client_msg_id: "calm-1", content: "I can still write" });
    await flooder.next("message", (f) => f.message.client_msg_id === "calm-1");
    expect(room.of("error")).toEqual([]);
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
    extra.webSocket!.accept();
    const closed = await new Promise<CloseEvent>((resolve) => extra.webSocket!.addEventListener("close", resolve));
    expect({ code: closed.code, reason: closed.reason }).toEqual({ code: CLOSE_CODES.tooManySockets, reason: CLOSE_REASONS.tooManySockets });
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

  it("caps an agent's dashboards at CHAT_MAX_SOCKETS_PER_PERSON the same way", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    await Promise.all(Array.from({ length: limits.maxSocketsPerPerson }, () => DashboardSocket.open(agent)));
    const extra = await DashboardSocket.upgrade(agent.cookie);
    extra.webSocket!.accept();
    const closed = await new Promise<CloseEvent>((resolve) => extra.webSocket!.addEventListener("close", resolve));
    expect(closed.code).toBe(CLOSE_CODES.tooManySockets);
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
