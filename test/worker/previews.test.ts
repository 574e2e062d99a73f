import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { SYSTEM_EVENTS, type Message } from "../../src/protocol";
import { createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession } from "./helpers";
import { REPORTED } from "./reported";

/** The conversation index row in D1 (the inbox list and the Closed tab over REST). */
function indexRow(id: string) {
  return env.DB.prepare("SELECT last_seq, last_message_preview FROM conversations WHERE id = ?").bind(id).first<{ last_seq: number; last_message_preview: string }>();
}

describe("a conversation's preview", () => {
  it("stays on what people wrote when a system line follows, in the lobby and in D1", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "where is my parcel?" } });
    const agent = await createAgent(site, { name: "Sam" });
    const dashboard = await DashboardSocket.open(agent);
    await dashboard.request({ type: "assign_agent", data: { customer_id: visitor.visitor_id, page_id: site.siteId } }, "agent_assigned");

    const joined = dashboard.of("new_message").find((f) => f.data.message.metadata?.event === SYSTEM_EVENTS.agentJoined)!;
    const { data } = await dashboard.request({ type: "get_sessions", data: {} }, "sessions");
    expect(data.customers.find((c) => c.session_id === visitor.session_id)).toMatchObject({ last_message: "where is my parcel?", last_seq: joined.data.message.seq });
    // The assignment's batch carries the "joined" line to D1 at once (README: state changes are never late).
    expect(await indexRow(visitor.session_id)).toEqual({ last_seq: joined.data.message.seq, last_message_preview: "where is my parcel?" });
    dashboard.end();
  });

  // The agent's report brings no visitor time and the visitor's last one no reply time: each must
  // leave the row's own first alone, and a later visitor time must not replace an earlier one.
  it("keeps the row's first visitor message and first reply through later reports", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const write = (content: string) => request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content } });
    const times = () =>
      env.DB.prepare("SELECT last_seq, started_at, first_response_at FROM conversations WHERE id = ?")
        .bind(visitor.session_id)
        .first<{ last_seq: number; started_at: number | null; first_response_at: number | null }>();
    await write("where is my parcel?");
    const agent = await createAgent(site, { name: "Sam" });
    const dashboard = await DashboardSocket.open(agent);
    await dashboard.request({ type: "assign_agent", data: { customer_id: visitor.visitor_id, page_id: site.siteId } }, "agent_assigned");
    await dashboard.request({ type: "send_message", customer_id: visitor.visitor_id, page_id: site.siteId, message: "On it" }, "message_sent");
    await vi.waitFor(async () => expect((await times())?.first_response_at).toEqual(expect.any(Number)), REPORTED);
    const first = (await times())!;
    expect(first.started_at).toEqual(expect.any(Number));

    const message = (await (await write("thanks!")).json()) as Message;
    await vi.waitFor(async () => expect((await times())?.last_seq).toBe(message.seq), REPORTED);
    expect(await times()).toEqual({ last_seq: message.seq, started_at: first.started_at, first_response_at: first.first_response_at });
    dashboard.end();
  });
});
