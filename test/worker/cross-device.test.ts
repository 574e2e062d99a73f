import { describe, expect, it } from "vitest";
import { toHex } from "../../src/lib/encoding";
import { hmacSha256 } from "../../src/lib/hmac";
import type { UserConversationsResponse } from "../../src/protocol";
import { createSite, request, startSession, TestSocket, type TestSite, type Visitor } from "./helpers";

const SECRET = "cross-device-secret";
const userHash = async (userId: string, secret = SECRET) => toHex(await hmacSha256(secret, userId));

async function identify(site: TestSite, visitor: Visitor, userId: string, hash?: string): Promise<number> {
  const body = { user_id: userId, user_hash: hash ?? (await userHash(userId)) };
  const response = await request(`/api/widget/${site.siteKey}/identify`, { token: visitor.visitor_token, body });
  return response.status;
}

/** The statuses a visitor gets when they write in, read and open a socket on `conversationId`. */
async function reach(visitor: Visitor, conversationId: string) {
  const [write, read, socket] = await Promise.all([
    request(`/api/chat/${conversationId}/messages`, { token: visitor.visitor_token, body: { content: "is anyone there?" } }),
    request(`/api/chat/${conversationId}/history`, { token: visitor.visitor_token }),
    TestSocket.upgrade(conversationId, visitor.visitor_token),
  ]);
  socket.webSocket?.accept();
  socket.webSocket?.close(1000, "done");
  return { write: write.status, read: read.status, socket: socket.status };
}

async function listed(visitor: Visitor, userId: string): Promise<string[]> {
  const response = await request(`/api/chat/user/${userId}/conversations`, { token: visitor.visitor_token });
  return ((await response.json()) as UserConversationsResponse).conversations.map((c) => c.id);
}

const ALLOWED = { write: 201, read: 200, socket: 101 };
const REFUSED = { write: 403, read: 403, socket: 403 };

describe("an identified user continues their conversation from another device (SPEC §4.9)", () => {
  it("lets the same verified user write in it from another browser, over HTTP and the socket, live for the first", async () => {
    const site = await createSite({ identitySecret: SECRET, botEnabled: false });
    const laptop = await startSession(site);
    const phone = await startSession(site);
    // The laptop's conversation starts before the user logs in: identify makes it theirs.
    await request(`/api/chat/${laptop.session_id}/messages`, { token: laptop.visitor_token, body: { content: "from the laptop" } });
    expect(await identify(site, laptop, "user-1")).toBe(200);
    expect(await identify(site, phone, "user-1")).toBe(200);

    const onLaptop = await TestSocket.open(laptop.session_id, laptop.visitor_token);
    const onPhone = await TestSocket.open(laptop.session_id, phone.visitor_token);
    expect(onPhone.hello.messages.map((m) => m.content)).toContain("from the laptop");
    onPhone.send({ type: "message", client_msg_id: "phone-1", content: "from the phone" });
    const seen = await onLaptop.messages(1);
    expect(seen[0]).toMatchObject({ content: "from the phone", sender_type: "user", sender_id: phone.visitor_id });
    expect(await reach(phone, laptop.session_id)).toEqual(ALLOWED);
    expect(new Set(await listed(phone, "user-1"))).toEqual(new Set([laptop.session_id, phone.session_id]));
    onLaptop.end();
    onPhone.end();
  });

  it("refuses a stranger, a wrong hash, another user and the same user id of another workspace", async () => {
    const site = await createSite({ identitySecret: SECRET });
    const laptop = await startSession(site);
    expect(await identify(site, laptop, "user-2")).toBe(200);

    const anonymous = await startSession(site);
    const forger = await startSession(site);
    expect(await identify(site, forger, "user-2", await userHash("user-2", "guessed-secret"))).toBe(401);
    const neighbour = await startSession(site);
    expect(await identify(site, neighbour, "user-3")).toBe(200);
    // Another tenant whose embedder happens to use the same user ids, and even the same secret.
    const otherSite = await createSite({ identitySecret: SECRET });
    const namesake = await startSession(otherSite);
    expect(await identify(otherSite, namesake, "user-2")).toBe(200);

    for (const visitor of [anonymous, forger, neighbour, namesake]) {
      expect(await reach(visitor, laptop.session_id)).toEqual(REFUSED);
    }
    expect(await listed(namesake, "user-2")).toEqual([namesake.session_id]);
    expect(await listed(neighbour, "user-3")).toEqual([neighbour.session_id]);
  });

  it("keeps a conversation with its user when the browser that started it is identified as someone else", async () => {
    const site = await createSite({ identitySecret: SECRET });
    const shared = await startSession(site);
    expect(await identify(site, shared, "alice")).toBe(200);
    const alicePhone = await startSession(site);
    expect(await identify(site, alicePhone, "alice")).toBe(200);
    const malloryPhone = await startSession(site);
    expect(await identify(site, malloryPhone, "mallory")).toBe(200);

    // Mallory logs in on the computer Alice used: the page identifies that browser as Mallory.
    const sharedLater = await startSession(site, shared.browserSessionId);
    expect(sharedLater.session_id).toBe(shared.session_id);
    expect(await identify(site, sharedLater, "mallory")).toBe(200);

    expect(await reach(malloryPhone, shared.session_id)).toEqual(REFUSED);
    expect(await listed(malloryPhone, "mallory")).toEqual([malloryPhone.session_id]);
    // Nor does the shared browser itself reach it now that it is Mallory's: the stamp decides.
    expect(await reach(sharedLater, shared.session_id)).toEqual(REFUSED);
    expect(await listed(sharedLater, "mallory")).toEqual([malloryPhone.session_id]);
    expect(await reach(alicePhone, shared.session_id)).toEqual(ALLOWED);
    expect(new Set(await listed(alicePhone, "alice"))).toEqual(new Set([shared.session_id, alicePhone.session_id]));
  });
});
