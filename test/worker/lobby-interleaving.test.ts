import { describe, expect, it, vi } from "vitest";
import { SYSTEM_EVENTS } from "../../src/protocol";
import { ChatSession } from "../../src/objects/chat-session";
import { createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession } from "./helpers";

/**
 * Holds back the next `applyChange` (the lobby telling a room about a change) until the test
 * lets it through, so something else can land in the lobby meanwhile. The objects run in this
 * isolate, so a spy on the class is where the lobby's call arrives.
 */
function holdNextApplyChange(): { reached: Promise<void>; release: () => void; restore: () => void } {
  let reachedResolve!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (reachedResolve = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const original = ChatSession.prototype.applyChange;
  const spy = vi.spyOn(ChatSession.prototype, "applyChange").mockImplementationOnce(async function held(this: ChatSession, change) {
    reachedResolve();
    await released;
    return original.call(this, change);
  });
  return { reached, release, restore: () => spy.mockRestore() };
}

describe("the lobby never writes back what it read before an await", () => {
  it("keeps a visitor message that lands while an assignment waits for the room", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "first question" } });
    const agent = await createAgent(site, { name: "Sam" });
    const dashboard = await DashboardSocket.open(agent);
    const hold = holdNextApplyChange();
    try {
      dashboard.send({ type: "assign_agent", data: { customer_id: visitor.visitor_id, page_id: site.siteId } });
      await hold.reached;
      // The assignment is decided and waits on the room: now the visitor writes again.
      const second = await request(`/api/chat/${visitor.session_id}/messages`, {
        token: visitor.visitor_token,
        body: { content: "second question" },
      });
      expect(second.status).toBe(201);
      await dashboard.next("new_message", (f) => f.data.message.content === "second question");
      hold.release();
      await dashboard.next("agent_assigned");
    } finally {
      hold.restore();
    }

    const { data } = await dashboard.request({ type: "get_sessions", data: {} }, "sessions");
    const customer = data.customers.find((c) => c.session_id === visitor.session_id)!;
    expect(customer).toMatchObject({ status: "assigned", agent_name: "Sam", last_message: "second question", unread_count: 2 });
    const note = dashboard.of("new_message").find((f) => f.data.message.metadata?.event === SYSTEM_EVENTS.agentJoined)!;
    expect(customer.last_seq).toBe(note.data.message.seq);
  });
});
