import { describe, expect, it } from "vitest";
import { createSite, request, startSession, TestSocket } from "./helpers";

describe("a visitor touches only their own session", () => {
  it("refuses another visitor's session over REST with 403 and an unknown one with 404", async () => {
    const site = await createSite();
    const alice = await startSession(site);
    const mallory = await startSession(site);
    const target = `/api/chat/${alice.session_id}`;

    const attempts = [
      request(`${target}/history`, { token: mallory.visitor_token }),
      request(`${target}/messages`, { token: mallory.visitor_token, body: { content: "hi from mallory" } }),
      request(`${target}/escalate`, { token: mallory.visitor_token, body: { reason: "x" } }),
      request(`${target}/escalations`, { token: mallory.visitor_token }),
      request(`/api/chat/user/${alice.visitor_id}/conversations`, { token: mallory.visitor_token }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    const unknown = await request(`/api/chat/${crypto.randomUUID()}/history`, { token: mallory.visitor_token });
    expect(unknown.status).toBe(404);

    const history = await request(`${target}/history`, { token: alice.visitor_token });
    expect(await history.json()).toMatchObject({ messages: [], count: 0 });
  });

  it("refuses another visitor's session over WebSocket", async () => {
    const site = await createSite();
    const alice = await startSession(site);
    const mallory = await startSession(site);
    const refused = await TestSocket.upgrade(alice.session_id, mallory.visitor_token);
    expect(refused.status).toBe(403);
    expect(refused.webSocket).toBeNull();
  });

  it("refuses a socket or a request from an origin the site does not allow", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token, { origin: "https://evil.example" });
    expect(socket.status).toBe(403);
    const rest = await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token, origin: "https://evil.example" });
    expect(rest.status).toBe(403);
    expect(await rest.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
  });
});
