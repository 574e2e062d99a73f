import { describe, expect, it } from "vitest";
import { toHex } from "../../src/lib/encoding";
import { hmacSha256 } from "../../src/lib/hmac";
import type { UserConversationsResponse } from "../../src/protocol";
import { createSite, request, startSession, type TestSite, type Visitor } from "./helpers";

const SECRET = "site-identity-secret";
const userHash = async (userId: string, secret = SECRET) => toHex(await hmacSha256(secret, userId));

function identify(site: TestSite, visitor: Visitor, body: Record<string, unknown>) {
  return request(`/api/widget/${site.siteKey}/identify`, { token: visitor.visitor_token, body });
}

describe("identity verification", () => {
  it("links a visitor to the embedder's user when the HMAC matches, and refuses a wrong one", async () => {
    const site = await createSite({ identitySecret: SECRET });
    const visitor = await startSession(site);
    const wrong = await identify(site, visitor, { user_id: "user-42", user_hash: await userHash("user-42", "other-secret") });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_user_hash" } });
    const swapped = await identify(site, visitor, { user_id: "user-43", user_hash: await userHash("user-42") });
    expect(swapped.status).toBe(401);

    const right = await identify(site, visitor, {
      user_id: "user-42",
      user_hash: await userHash("user-42"),
      name: "Grace Hopper",
      email: "grace@example.com",
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ user: { id: "user-42", name: "Grace Hopper", email: "grace@example.com" } });
    const again = await startSession(site, visitor.browserSessionId);
    expect(again.user).toEqual({ id: "user-42", name: "Grace Hopper", email: "grace@example.com" });
  });

  it("refuses identify on a site without an identity secret", async () => {
    const site = await createSite({ identitySecret: null });
    const visitor = await startSession(site);
    const response = await identify(site, visitor, { user_id: "u", user_hash: await userHash("u") });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "identity_disabled" } });
  });

  it("lists an identified user's conversations from every browser they used, and only theirs", async () => {
    const site = await createSite({ identitySecret: SECRET });
    const laptop = await startSession(site);
    const phone = await startSession(site);
    const stranger = await startSession(site);
    for (const visitor of [laptop, phone]) {
      await identify(site, visitor, { user_id: "user-7", user_hash: await userHash("user-7") });
      await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "hello" } });
    }
    const list = await request("/api/chat/user/user-7/conversations", { token: phone.visitor_token });
    expect(list.status).toBe(200);
    const body = (await list.json()) as UserConversationsResponse;
    expect(body.user_id).toBe("user-7");
    expect(new Set(body.conversations.map((c) => c.id))).toEqual(new Set([laptop.session_id, phone.session_id]));
    expect(body.count).toBe(2);

    const own = (await (await request(`/api/chat/user/${stranger.visitor_id}/conversations`, { token: stranger.visitor_token })).json()) as UserConversationsResponse;
    expect(own.conversations.map((c) => c.id)).toEqual([stranger.session_id]);
    const prying = await request("/api/chat/user/user-7/conversations", { token: stranger.visitor_token });
    expect(prying.status).toBe(403);

    const laptopHistoryOnPhone = await request(`/api/chat/${laptop.session_id}/history`, { token: phone.visitor_token });
    expect(laptopHistoryOnPhone.status).toBe(200);
    expect(await laptopHistoryOnPhone.json()).toMatchObject({ messages: [{ content: "hello" }, expect.anything()] });
    const strangerPeek = await request(`/api/chat/${laptop.session_id}/history`, { token: stranger.visitor_token });
    expect(strangerPeek.status).toBe(403);
  });
});
