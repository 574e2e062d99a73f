import { describe, expect, it } from "vitest";
import type { ConversationDetail, ConversationListResponse } from "../../src/protocol";
import { agentRequest, createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession } from "./helpers";

async function list(cookie: string, query: string): Promise<ConversationListResponse> {
  const response = await agentRequest(`/api/conversations${query}`, { cookie });
  expect(response.status).toBe(200);
  return (await response.json()) as ConversationListResponse;
}

describe("GET /api/conversations", () => {
  it("filters by status, mine and site, and pages with a keyset cursor", async () => {
    // The bot is off, so every first message waits for a human (with it on, the bot would keep them).
    const site = await createSite({ botEnabled: false });
    const sam = await createAgent(site);
    const started: string[] = [];
    for (let i = 0; i < 7; i++) {
      const visitor = await startSession(site);
      await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: `message ${i}` } });
      started.push(visitor.session_id);
    }
    const bare = await startSession(site);

    const first = await list(sam.cookie, "?filter=all&limit=3");
    expect(first.conversations).toHaveLength(3);
    expect(first.next_cursor).not.toBeNull();
    const second = await list(sam.cookie, `?filter=all&limit=3&cursor=${first.next_cursor}`);
    const third = await list(sam.cookie, `?filter=all&limit=3&cursor=${second.next_cursor}`);
    expect(third.next_cursor).toBeNull();
    const ids = [...first.conversations, ...second.conversations, ...third.conversations].map((c) => c.id);
    expect(new Set(ids)).toEqual(new Set(started));
    expect(ids).not.toContain(bare.session_id);
    expect(first.conversations[0]).toMatchObject({ kind: "support", site_name: "Test Shop", status: "waiting" });

    const dashboard = await DashboardSocket.open(sam);
    const visitorId = first.conversations[0]!.visitor_id!;
    await dashboard.request({ type: "assign_agent", data: { customer_id: visitorId, page_id: site.siteId } }, "agent_assigned");
    expect((await list(sam.cookie, "?filter=mine")).conversations.map((c) => c.visitor_id)).toEqual([visitorId]);
    await dashboard.request({ type: "close_session", data: { customer_id: visitorId, page_id: site.siteId } }, "session_closed");
    expect((await list(sam.cookie, "?filter=closed")).conversations.map((c) => c.visitor_id)).toEqual([visitorId]);
    expect((await list(sam.cookie, "?filter=waiting")).conversations).toHaveLength(6);
    expect((await list(sam.cookie, `?filter=all&site_id=${site.siteId}`)).conversations).toHaveLength(7);
    expect((await list(sam.cookie, "?filter=all&site_id=other")).conversations).toHaveLength(0);

    const bad = await agentRequest("/api/conversations?cursor=garbage!", { cookie: sam.cookie });
    expect(bad.status).toBe(400);
    const badFilter = await agentRequest("/api/conversations?filter=everything", { cookie: sam.cookie });
    expect(badFilter.status).toBe(400);
    expect((await agentRequest("/api/conversations")).status).toBe(401);
  });

  it("shows the visitor panel: identity, page, browser, previous conversations; other workspaces get 404", async () => {
    const site = await createSite();
    const sam = await createAgent(site);
    const visitor = await startSession(site);
    await request(`/api/widget/${site.siteKey}/session`, {
      body: {
        browser_session_id: visitor.browserSessionId,
        context: { url: "https://shop.example/cart", title: "Your cart", referrer: "https://search.example/", timezone: "Europe/Berlin" },
      },
      headers: {
        "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      },
    });
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "help" } });
    const response = await agentRequest(`/api/conversations/${visitor.session_id}`, { cookie: sam.cookie });
    expect(response.status).toBe(200);
    const detail = (await response.json()) as ConversationDetail;
    expect(detail.visitor).toMatchObject({
      id: visitor.visitor_id,
      identified: false,
      page_url: "https://shop.example/cart",
      page_title: "Your cart",
      referrer: "https://search.example/",
      browser: "Safari 17",
      os: "macOS",
      timezone: "Europe/Berlin",
    });
    expect(detail.conversation).toMatchObject({ id: visitor.session_id, last_message: expect.any(String) });
    expect(detail.previous_conversations).toEqual([]);

    const outsider = await createAgent(await createSite());
    expect((await agentRequest(`/api/conversations/${visitor.session_id}`, { cookie: outsider.cookie })).status).toBe(404);
  });
});

describe("agents and sites", () => {
  it("lists the workspace's agents and sites; admins create agents who can then log in", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin", name: "Ada" });
    const sam = await createAgent(site, { name: "Sam" });
    const agents = (await (await agentRequest("/api/agents", { cookie: sam.cookie })).json()) as { agents: { name: string }[] };
    expect(agents.agents.map((a) => a.name)).toEqual(["Ada", "Sam"]);
    const sites = (await (await agentRequest("/api/sites", { cookie: sam.cookie })).json()) as { sites: { id: string }[] };
    expect(sites.sites.map((s) => s.id)).toEqual([site.siteId]);

    const body = { email: "New.Person@Example.com", name: "New Person", password: "a long enough password" };
    expect((await agentRequest("/api/agents", { cookie: sam.cookie, body })).status).toBe(403);
    const created = await agentRequest("/api/agents", { cookie: admin.cookie, body });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: "new.person@example.com", role: "agent", active: true });
    expect((await agentRequest("/api/agents", { cookie: admin.cookie, body })).status).toBe(409);
    const login = await agentRequest("/api/auth/login", { body: { email: "new.person@example.com", password: body.password } });
    expect(login.status).toBe(200);
    const weak = await agentRequest("/api/agents", { cookie: admin.cookie, body: { ...body, email: "x@example.com", password: "short" } });
    expect(weak.status).toBe(400);
  });
});
