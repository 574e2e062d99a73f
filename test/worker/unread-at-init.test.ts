import { describe, expect, it, vi } from "vitest";
import { constructions } from "../../src/objects/constructions";
import { agentRequest, createAgent } from "./agents";
import { createSite, request, startSession } from "./helpers";
import { REPORTED } from "./reported";

describe("session init's unread replies (SPEC §9)", () => {
  it("carries the count and the newest agent reply on every page view until the visitor reads them", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    expect(visitor.unread).toEqual({ count: 0, latest: null });

    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "is my parcel late?" } });
    const agent = await createAgent(site, { name: "Ada" });
    for (const content of ["Let me look.", "Thanks! A label is on its way."]) {
      const sent = await agentRequest(`/api/chat/${visitor.session_id}/messages`, { cookie: agent.cookie, body: { content } });
      expect(sent.status).toBe(201);
    }

    // A later page view of the same browser, once the conversation's report reached D1.
    const later = await vi.waitFor(async () => {
      const again = await startSession(site, visitor.browserSessionId);
      expect(again.unread.count).toBe(2);
      return again;
    }, REPORTED);
    expect(later.unread.latest).toMatchObject({ sender_type: "agent", sender_name: "Ada", content: "Thanks! A label is on its way." });

    const read = await request(`/api/chat/${visitor.session_id}/read`, { token: visitor.visitor_token, body: { seq: later.unread.latest!.seq } });
    expect(read.status).toBe(204);
    expect((await startSession(site, visitor.browserSessionId)).unread).toEqual({ count: 0, latest: null });
  });

  it("leaves the conversation's object asleep on a bare page view", async () => {
    const site = await createSite();
    const before = constructions().ChatSession ?? 0;
    const visitor = await startSession(site);
    await startSession(site, visitor.browserSessionId);
    expect(visitor.unread).toEqual({ count: 0, latest: null });
    expect(constructions().ChatSession ?? 0).toBe(before);
  });

  it("counts only what comes after the read cursor, and never another browser's conversation", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "hello?" } });
    const agent = await createAgent(site);
    const first = await agentRequest(`/api/chat/${visitor.session_id}/messages`, { cookie: agent.cookie, body: { content: "Hi!" } });
    const { seq } = (await first.json()) as { seq: number };
    await request(`/api/chat/${visitor.session_id}/read`, { token: visitor.visitor_token, body: { seq } });
    await agentRequest(`/api/chat/${visitor.session_id}/messages`, { cookie: agent.cookie, body: { content: "Anything else?" } });

    await vi.waitFor(async () => {
      const again = await startSession(site, visitor.browserSessionId);
      expect(again.unread).toMatchObject({ count: 1, latest: { content: "Anything else?" } });
    }, REPORTED);
    expect((await startSession(site)).unread).toEqual({ count: 0, latest: null });
  });
});
