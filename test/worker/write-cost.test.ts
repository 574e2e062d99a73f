import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { AgentRoom, createAgent, DashboardSocket } from "./agents";
import { startCostMeter } from "./cost-meter";
import { createSite, request, startSession, TestSocket } from "./helpers";

/**
 * The most each path cost on main before the hardening issue (commit de60e1f), measured with
 * this very test: D1 rows written (index rows included) and lobby calls. No path may cost more.
 */
const CEILINGS: Record<string, { d1: number; lobby: number }> = {
  "visitor message in bot, answered from a FAQ": { d1: 4, lobby: 1 },
  "escalation (state change)": { d1: 8, lobby: 1 },
  "visitor message in waiting": { d1: 4, lobby: 1 },
  "agent's first reply in the room: the message": { d1: 4, lobby: 1 },
  "agent's first reply in the room: the assignment": { d1: 4, lobby: 1 },
  "visitor message in assigned": { d1: 4, lobby: 1 },
  "dashboard send_message that assigns: the message": { d1: 4, lobby: 1 },
  "dashboard send_message that assigns: the assignment": { d1: 4, lobby: 0 },
};

async function indexRow(conversationId: string) {
  return env.DB.prepare("SELECT status, last_seq FROM conversations WHERE id = ?")
    .bind(conversationId)
    .first<{ status: string; last_seq: number }>();
}

/** Waits until the conversation's D1 index row shows `seq` (and `status`): the turn's last write. */
async function indexed(conversationId: string, seq: number, status?: string): Promise<void> {
  await vi.waitFor(async () => {
    const row = await indexRow(conversationId);
    expect(row!.last_seq).toBeGreaterThanOrEqual(seq);
    if (status) expect(row!.status).toBe(status);
  });
}

interface Cost {
  d1: number;
  lobby: number;
}

/** Runs `action` and waits for `settled`, counting D1 rows written and lobby calls in between. */
async function measure(action: () => Promise<void>): Promise<Cost> {
  const meter = startCostMeter();
  try {
    await action();
    return { d1: meter.d1RowsWritten(), lobby: meter.lobbyCalls() };
  } finally {
    meter.stop();
  }
}

describe("cost of a chat message (D1 rows written, lobby calls)", () => {
  it("never costs more than before, on every message path, with state changes counted apart", async () => {
    const site = await createSite();
    const agent = await createAgent(site, { name: "Sam" });
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const costs: Record<string, Cost> = {};
    let sent = 0;
    const say = async (content: string) => {
      const id = `cost-${sent++}`;
      socket.send({ type: "message", client_msg_id: id, content });
      return (await socket.next("message", (f) => f.message.client_msg_id === id)).message;
    };

    // The session's first message starts it in the agents' list; measure the steady state after.
    await say("What is your return policy?");
    await indexed(visitor.session_id, socket.of("message").at(-1)!.message.seq);

    costs["visitor message in bot, answered from a FAQ"] = await measure(async () => {
      await say("How long does shipping take?");
      const answer = await socket.nextNew("message", (f) => f.message.sender_type === "bot");
      await indexed(visitor.session_id, answer.message.seq);
    });

    costs["escalation (state change)"] = await measure(async () => {
      socket.send({ type: "escalate", reason: "a human please" });
      const note = await socket.nextNew("message", (f) => f.message.metadata?.event === "escalated");
      await indexed(visitor.session_id, note.message.seq, "waiting");
    });

    costs["visitor message in waiting"] = await measure(async () => {
      const message = await say("Anyone there?");
      await indexed(visitor.session_id, message.seq);
    });

    const room = await AgentRoom.open(visitor.session_id, agent);
    const agentSays = async (id: string) => {
      room.send({ type: "message", client_msg_id: id, content: `reply ${id}` });
      const reply = await socket.next("message", (f) => f.message.client_msg_id === id);
      await indexed(visitor.session_id, reply.message.seq, "assigned");
    };
    const firstReply = await measure(() => agentSays("first"));
    const laterReply = await measure(() => agentSays("later"));
    costs["agent's first reply in the room: the message"] = laterReply;
    costs["agent's first reply in the room: the assignment"] = minus(firstReply, laterReply);

    costs["visitor message in assigned"] = await measure(async () => {
      const message = await say("Thanks!");
      await indexed(visitor.session_id, message.seq);
    });

    const waiting = await startSession(site);
    await request(`/api/chat/${waiting.session_id}/escalate`, { token: waiting.visitor_token, body: { reason: "help" } });
    await vi.waitFor(async () => expect((await indexRow(waiting.session_id))!.status).toBe("waiting"));
    const dashboard = await DashboardSocket.open(agent);
    const dashboardSays = async (text: string) => {
      const sentFrame = await dashboard.request(
        { type: "send_message", customer_id: waiting.visitor_id, page_id: site.siteId, message: text },
        "message_sent",
      );
      await indexed(waiting.session_id, sentFrame.data.message.seq, "assigned");
    };
    const assigning = await measure(() => dashboardSays("On it"));
    const plain = await measure(() => dashboardSays("Still on it"));
    costs["dashboard send_message that assigns: the message"] = plain;
    costs["dashboard send_message that assigns: the assignment"] = minus(assigning, plain);

    console.log(
      ["path | D1 rows written | lobby calls", ...Object.entries(costs).map(([path, cost]) => `${path} | ${cost.d1} | ${cost.lobby}`)].join("\n"),
    );
    for (const [path, cost] of Object.entries(costs)) {
      const ceiling = CEILINGS[path]!;
      expect(cost.d1, `${path}: D1 rows`).toBeLessThanOrEqual(ceiling.d1);
      expect(cost.lobby, `${path}: lobby calls`).toBeLessThanOrEqual(ceiling.lobby);
    }
    expect(costs["visitor message in waiting"]!.d1).toBeGreaterThan(0);
  });
});

function minus(total: Cost, part: Cost): Cost {
  return { d1: total.d1 - part.d1, lobby: total.lobby - part.lobby };
}
