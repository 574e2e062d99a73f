import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SYSTEM_EVENTS } from "../../src/protocol";
import { AgentRoom, createAgent, DashboardSocket } from "./agents";
import { clearOfBucketEnd, MESSAGES, PER_MESSAGE_MAX, startCostMeter, type Cost, type CostMeter } from "./cost-meter";
import { nextFrameHandled } from "./frame-handled";
import { createSite, request, startSession, TestSocket } from "./helpers";
import { REPORTED, WINDOWS } from "./reported";

async function indexRow(conversationId: string) {
  return env.DB.prepare("SELECT status, last_seq FROM conversations WHERE id = ?")
    .bind(conversationId)
    .first<{ status: string; last_seq: number }>();
}

/** Waits until the conversation's D1 index row shows `seq` (and `status`): its report has landed. */
async function indexed(conversationId: string, seq: number, status?: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const row = await indexRow(conversationId);
      expect(row!.last_seq).toBeGreaterThanOrEqual(seq);
      if (status) expect(row!.status).toBe(status);
    },
    REPORTED,
  );
}

/** How long a path or a state change is measured at most (ms): its waits for D1, and slack. */
const PATH_SPAN_MS = REPORTED.timeout + 10_000;
/** How long a bucket's end takes to reach D1 from every conversation (ms): the alarm, the lobby's batch. */
const FLUSH_SETTLE_MS = WINDOWS.indexFlushMs + WINDOWS.reportWindowMs + 1_000;

let meter: CostMeter | null = null;
afterEach(() => {
  meter?.stop();
  meter = null;
  vi.restoreAllMocks();
});

const costSince = (start: Cost): Cost => meter!.since(start);
const reading = (): Cost => meter!.reading();

describe("cost of a chat message (D1 rows written, lobby calls), SPEC §2", () => {
  it("puts no D1 write and no lobby call in a message's round trip, and coalesces them to at most 0.2 per message", async () => {
    const site = await createSite();
    const agent = await createAgent(site, { name: "Sam" });
    meter = startCostMeter();
    const table: Array<[string, Cost, Cost]> = [];
    let sent = 0;

    /** A conversation of its own per path, so every person's budget (SPEC §10) covers a path. */
    const conversation = async () => {
      const visitor = await startSession(site);
      const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
      return { visitor, socket, room: null as AgentRoom | null };
    };
    type Conversation = Awaited<ReturnType<typeof conversation>>;

    /** How a path sends: over a room socket (visitor's or agent's), or the visitor's REST call. */
    type Via = "visitor" | "agent" | "rest";
    const send = async (c: Conversation, via: Via, id: string, content: string): Promise<void> => {
      if (via === "rest") {
        const response = await request(`/api/chat/${c.visitor.session_id}/messages`, {
          token: c.visitor.visitor_token,
          body: { content, client_msg_id: id },
        });
        expect(response.status).toBe(201);
      } else (via === "visitor" ? c.socket : c.room!).send({ type: "message", client_msg_id: id, content });
    };

    /** One message sent and handled: what it cost inside its round trip (a REST call's is its request). */
    const one = async (c: Conversation, via: Via, content: string): Promise<{ inside: Cost; seq: number }> => {
      const id = `cost-${sent++}`;
      const start = reading();
      const handled = nextFrameHandled();
      await send(c, via, id, content);
      if (via !== "rest") await handled();
      const inside = costSince(start);
      return { inside, seq: (await c.socket.next("message", (f) => f.message.client_msg_id === id)).message.seq };
    };

    /** A path: one message measured inside its round trip, then 25 more in a burst, once reported. */
    const path = async (name: string, c: Conversation, via: Via, content: string, settle?: string) => {
      await clearOfBucketEnd(PATH_SPAN_MS, FLUSH_SETTLE_MS);
      const single = await one(c, via, content);
      await indexed(c.visitor.session_id, single.seq, settle);
      const start = reading();
      const ids = Array.from({ length: MESSAGES }, () => `cost-${sent++}`);
      // All at once, over REST too: a burst is what coalescing is for, and one that outlasts an
      // index window (the bench runs this test with its quick run's short ones) is two writes.
      await Promise.all(ids.map((id) => send(c, via, id, `${content} (${id})`)));
      const arrived = () => ids.every((id) => c.socket.of("message").some((f) => f.message.client_msg_id === id));
      await c.socket.until(arrived, "every message of the burst", 20_000);
      await indexed(c.visitor.session_id, Math.max(...c.socket.of("message").map((f) => f.message.seq)), settle);
      const burst = costSince(start);
      table.push([name, single.inside, { d1: burst.d1 / MESSAGES, lobby: burst.lobby / MESSAGES }]);
    };

    /** A state change, from what starts it until D1 shows it. */
    const change = async (c: Conversation, start: () => void, done: () => Promise<number>, status: string): Promise<Cost> => {
      await clearOfBucketEnd(PATH_SPAN_MS, FLUSH_SETTLE_MS);
      const before = reading();
      start();
      await indexed(c.visitor.session_id, await done(), status);
      return costSince(before);
    };

    const inBot = await conversation();
    const listing = await change(
      inBot,
      () => inBot.socket.send({ type: "message", client_msg_id: "first", content: "What is your return policy?" }),
      async () => (await inBot.socket.next("message", (f) => f.message.sender_type === "bot")).message.seq,
      "bot",
    );
    await path("visitor message in bot, answered from a FAQ", inBot, "visitor", "how long does shipping take?", "bot");

    const escalated = async (c: Conversation) =>
      change(
        c,
        () => c.socket.send({ type: "escalate", reason: "a human please" }),
        async () => (await c.socket.next("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.escalated)).message.seq,
        "waiting",
      );
    const inWaiting = await conversation();
    const escalating = await escalated(inWaiting);
    await path("visitor message in waiting", inWaiting, "visitor", "anyone there?", "waiting");

    const inAssigned = await conversation();
    await escalated(inAssigned);
    inAssigned.room = await AgentRoom.open(inAssigned.visitor.session_id, agent);
    const claim = reading();
    const claimed = await one(inAssigned, "agent", "Sam here, how can I help?");
    await indexed(inAssigned.visitor.session_id, claimed.seq, "assigned");
    const claiming = costSince(claim);
    await path("agent reply in the room", inAssigned, "agent", "let me check", "assigned");
    await path("visitor message in assigned", inAssigned, "visitor", "thanks!", "assigned");
    const overRest = await conversation();
    await escalated(overRest);
    await path("visitor message over REST, in waiting", overRest, "rest", "still there?", "waiting");

    const waiting = await startSession(site);
    await request(`/api/chat/${waiting.session_id}/escalate`, { token: waiting.visitor_token, body: { reason: "help" } });
    await vi.waitFor(async () => expect((await indexRow(waiting.session_id))!.status).toBe("waiting"));
    const dashboard = await DashboardSocket.open(agent);
    const assign = reading();
    const reply = await dashboard.request(
      { type: "send_message", customer_id: waiting.visitor_id, page_id: site.siteId, message: "On it" },
      "message_sent",
    );
    // Up to the assignment's own write, with its "joined" line; the reply after it is a plain
    // message, whose coalesced write comes a window later through the lobby's batch.
    await indexed(waiting.session_id, reply.data.message.seq - 1, "assigned");
    const assigningFromDashboard = costSince(assign);
    // Nothing left on its way to D1 when the next test starts counting.
    await indexed(waiting.session_id, reply.data.message.seq, "assigned");

    const states: Array<[string, Cost]> = [
      ["first visitor message (lists the session)", listing],
      ["escalation", escalating],
      ["agent's first reply in the room (assigns)", claiming],
      ["dashboard send_message that assigns", assigningFromDashboard],
    ];
    console.log(
      [
        "path | inside the round trip: D1 rows, lobby calls | per message over 25: D1 rows, lobby calls",
        ...table.map(([name, inside, each]) => `${name} | ${inside.d1}, ${inside.lobby} | ${each.d1.toFixed(2)}, ${each.lobby.toFixed(2)}`),
        "state change | D1 rows, lobby calls (whole change)",
        ...states.map(([name, cost]) => `${name} | ${cost.d1}, ${cost.lobby}`),
      ].join("\n"),
    );
    for (const [name, inside, each] of table) {
      expect(inside, `${name}: inside the round trip`).toEqual({ d1: 0, lobby: 0 });
      expect(each.d1, `${name}: D1 rows per message`).toBeLessThanOrEqual(PER_MESSAGE_MAX);
      expect(each.lobby, `${name}: lobby calls per message`).toBeLessThanOrEqual(PER_MESSAGE_MAX);
    }
    // A state change costs one lobby call and one D1 batch (the index row, plus the escalation's
    // row); the dashboard's own assignment starts in the lobby, and its room answers in that batch.
    expect(escalating.lobby).toBe(1);
    expect(listing.lobby).toBe(1);
    expect(claiming.lobby).toBeLessThanOrEqual(2);
    expect(assigningFromDashboard.lobby).toBeLessThanOrEqual(1);
  }, 120_000); // Five paths, each waiting for D1's coalesced writes (up to REPORTED apiece).

  it("counts every message for the reports (SPEC §11) with no D1 row per message: counts wait in the object until a state change or their bucket's end", async () => {
    const site = await createSite();
    const agent = await createAgent(site, { name: "Sam" });
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason: "help" } });
    await indexed(visitor.session_id, 1, "waiting");
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    const pending = () => runInDurableObject(stub, (_, state) => state.storage.kv.get<{ user: number }>("pending_counts")?.user ?? 0);
    const inBuckets = async () =>
      (await env.DB.prepare("SELECT coalesce(sum(user_messages), 0) AS n FROM report_buckets WHERE site_id = ?").bind(site.siteId).first<{ n: number }>())!.n;

    meter = startCostMeter();
    const start = reading();
    for (let i = 0; i < MESSAGES; i++) socket.send({ type: "message", client_msg_id: `count-${i}`, content: `still there? ${i}` });
    await socket.until(() => socket.of("message").filter((f) => f.message.sender_type === "user").length === MESSAGES, "the burst", 20_000);
    await indexed(visitor.session_id, Math.max(...socket.of("message").map((f) => f.message.seq)), "waiting");
    const burst = costSince(start);
    // Every message is counted, in the object's storage or (past a bucket's end) in D1.
    expect((await pending()) + (await inBuckets())).toBe(MESSAGES);
    expect(burst.d1 / MESSAGES).toBeLessThanOrEqual(PER_MESSAGE_MAX);

    // A state change (the close) brings the pending counts to D1 in its own batch.
    const dashboard = await DashboardSocket.open(agent);
    await dashboard.request({ type: "close_session", data: { customer_id: visitor.visitor_id, page_id: site.siteId } }, "session_closed");
    await vi.waitFor(async () => expect(await inBuckets()).toBe(MESSAGES), { timeout: 10_000 });
    expect(await pending()).toBe(0);
    console.log(`burst of ${MESSAGES} visitor messages: ${burst.d1} D1 rows (${(burst.d1 / MESSAGES).toFixed(2)} per message), counts flushed at close`);
    dashboard.end();
    socket.end();
  });
});
