import { describe, expect, it } from "vitest";
import { SYSTEM_EVENTS } from "../../src/protocol";
import { createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession, TestSocket } from "./helpers";

const ROUNDS = 50;

describe("assignment race", () => {
  it(`gives each customer to exactly one of two agents assigning at the same moment, ${ROUNDS} rounds`, async () => {
    const site = await createSite({ botEnabled: false });
    const pair = () => Promise.all([createAgent(site, { name: "Sam" }), createAgent(site, { name: "Lee" })]);
    let [sam, lee] = await pair();
    let samDash = await DashboardSocket.open(sam);
    let leeDash = await DashboardSocket.open(lee);
    const winners: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0 && round % 20 === 0) {
        // A person's frame budget (SPEC §10) is no place for 50 assignments in a few seconds: new agents take over.
        [sam, lee] = await pair();
        [samDash, leeDash] = await Promise.all([DashboardSocket.open(sam), DashboardSocket.open(lee)]);
      }
      const visitor = await startSession(site);
      await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: `round ${round}` } });
      const data = { customer_id: visitor.visitor_id, page_id: site.siteId };
      const samBefore = samDash.frames.length;
      const leeBefore = leeDash.frames.length;
      // Both frames leave back to back; who goes first alternates so either agent can win.
      const order = round % 2 === 0 ? [samDash, leeDash] : [leeDash, samDash];
      for (const dashboard of order) dashboard.send({ type: "assign_agent", data });
      const replyOf = (dashboard: DashboardSocket, from: number) =>
        dashboard.frames.slice(from).find((f) => f.type === "agent_assigned" || f.type === "error");
      await samDash.until(() => replyOf(samDash, samBefore) !== undefined, "Sam's reply");
      await leeDash.until(() => replyOf(leeDash, leeBefore) !== undefined, "Lee's reply");
      const samReply = replyOf(samDash, samBefore)!;
      const leeReply = replyOf(leeDash, leeBefore)!;
      const replies = [samReply, leeReply];
      const won = replies.filter((f) => f.type === "agent_assigned");
      const lost = replies.filter((f) => f.type === "error");
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost, `round ${round}`).toHaveLength(1);
      const loss = lost[0]!;
      if (loss.type !== "error") throw new Error("unreachable");
      expect(loss.error).toContain("already assigned");
      const winner = won[0]!.type === "agent_assigned" && won[0] === samReply ? "Sam" : "Lee";
      expect(loss.error).toBe(`Customer is already assigned to ${winner}`);
      winners.push(winner);

      if (round % 10 === 0) {
        const room = await TestSocket.open(visitor.session_id, visitor.visitor_token);
        expect(room.hello.agent?.name).toBe(winner);
        expect(room.hello.messages.filter((m) => m.metadata?.event === SYSTEM_EVENTS.agentJoined)).toHaveLength(1);
        room.end();
      }
    }
    const queue = await samDash.request({ type: "get_stopped_customers", data: { limit: 200 } }, "stopped_customers");
    expect(queue.data.customers.filter((c) => c.is_assigned)).toHaveLength(ROUNDS);
    console.log(`assignment race: ${ROUNDS} rounds, Sam won ${winners.filter((w) => w === "Sam").length}, Lee won ${winners.filter((w) => w === "Lee").length}, never both`);
  }, 120_000);
});
