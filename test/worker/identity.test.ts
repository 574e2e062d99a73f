import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifyUserHash } from "../../src/auth/identity";
import { toHex } from "../../src/lib/encoding";
import { hmacSha256 } from "../../src/lib/hmac";
import type { UserConversationsResponse } from "../../src/protocol";
import { createSite, request, startSession, type TestSite, type Visitor } from "./helpers";

const SECRET = "site-identity-secret";
const userHash = async (userId: string, secret = SECRET) => toHex(await hmacSha256(secret, userId));

function identify(site: TestSite, visitor: Visitor, body: Record<string, unknown>) {
  return request(`/api/widget/${site.siteKey}/identify`, { token: visitor.visitor_token, body });
}

/** What D1 holds of a visitor's identity, and of their session's owner. */
async function storedIdentity(visitor: Visitor) {
  return env.DB.prepare(
    `SELECT v.external_user_id AS user_id, v.name, v.email, c.external_user_id AS conversation_user_id
     FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE v.id = ? AND c.id = ?`,
  )
    .bind(visitor.visitor_id, visitor.session_id)
    .first();
}

const ANONYMOUS = { user_id: null, name: null, email: null, conversation_user_id: null };

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

  it("takes the hex digest in upper case too, and refuses any other spelling of it, or another user's", async () => {
    const site = await createSite({ identitySecret: SECRET });
    const hash = await userHash("user-9");
    const upper = await startSession(site);
    expect((await identify(site, upper, { user_id: "user-9", user_hash: hash.toUpperCase() })).status).toBe(200);
    expect(await storedIdentity(upper)).toMatchObject({ user_id: "user-9", conversation_user_id: "user-9" });

    const other = await startSession(site);
    for (const spelling of [`0x${hash}`, ` ${hash}`, `${hash} `, hash.slice(0, 62), `${hash}00`, `${hash.slice(0, 63)}g`]) {
      const refused = await identify(site, other, { user_id: "user-9", user_hash: spelling });
      expect(refused.status, spelling).toBe(400);
      expect(await verifyUserHash(SECRET, "user-9", spelling), spelling).toBe(false);
    }
    const othersHash = await identify(site, other, { user_id: "user-9", user_hash: await userHash("user-10") });
    expect(othersHash.status).toBe(401);
    // One bit off, in the last digit: still refused.
    const flipped = hash.slice(0, 63) + (hash[63] === "0" ? "1" : "0");
    expect((await identify(site, other, { user_id: "user-9", user_hash: flipped })).status).toBe(401);
    expect(await storedIdentity(other)).toEqual(ANONYMOUS);
    expect(await verifyUserHash(SECRET, "user-9", hash.toUpperCase())).toBe(true);
  });

  it("refuses a wrong or missing hash with a clear error and changes nothing", async () => {
    const site = await createSite({ identitySecret: SECRET });
    const visitor = await startSession(site);
    const missing = await identify(site, visitor, { user_id: "user-5", name: "Mallory", email: "mallory@example.com" });
    expect(missing.status).toBe(400);
    const missingError = ((await missing.json()) as { error: { message: string } }).error.message;
    expect(missingError).toMatch(/^user_hash: user_hash is required/);
    const wrong = await identify(site, visitor, {
      user_id: "user-5",
      user_hash: await userHash("user-5", "guessed-secret"),
      name: "Mallory",
      email: "mallory@example.com",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_user_hash", message: expect.stringContaining("user_hash") } });
    expect(await storedIdentity(visitor)).toEqual(ANONYMOUS);
    expect((await startSession(site, visitor.browserSessionId)).user).toBeNull();
  });

  it("never lets an anonymous visitor set who they are without identify", async () => {
    const site = await createSite({ identitySecret: SECRET });
    const context = { url: "https://shop.example/", user_id: "user-1", external_user_id: "user-1", name: "Admin", email: "a@example.com" };
    const response = await request(`/api/widget/${site.siteKey}/session`, { body: { browser_session_id: "anonymous-browser-1", context } });
    expect(response.status).toBe(200);
    const visitor = { ...((await response.json()) as Visitor), browserSessionId: "anonymous-browser-1" };
    expect(visitor.user).toBeNull();
    await request(`/api/chat/${visitor.session_id}/messages`, {
      token: visitor.visitor_token,
      body: { content: "hi", metadata: { user_id: "user-1", email: "a@example.com" } },
    });
    expect(await storedIdentity(visitor)).toEqual(ANONYMOUS);
    const theirs = await request("/api/chat/user/user-1/conversations", { token: visitor.visitor_token });
    expect(theirs.status).toBe(403);
  });
});
