import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signVisitorToken, verifyVisitorToken } from "../../src/auth/visitor-token";
import { createSite, request, startSession, TestSocket } from "./helpers";

function tamper(token: string): string {
  const [version, payload, signature] = token.split(".");
  const claims = JSON.parse(atob(payload!.replace(/-/g, "+").replace(/_/g, "/")));
  const forged = btoa(JSON.stringify({ ...claims, v: "someone-else" })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${version}.${forged}.${signature}`;
}

describe("visitor tokens", () => {
  it("round-trips and rejects a changed payload, a wrong secret and an expired token", async () => {
    const claims = { v: "visitor", s: "site", w: "workspace", e: Math.floor(Date.now() / 1000) + 60 };
    const token = await signVisitorToken("secret-a", claims);
    expect(await verifyVisitorToken("secret-a", token)).toEqual({ ok: true, value: claims });
    expect(await verifyVisitorToken("secret-b", token)).toMatchObject({ ok: false, error: { code: "invalid_token" } });
    expect(await verifyVisitorToken("secret-a", tamper(token))).toMatchObject({ ok: false, error: { code: "invalid_token" } });
    expect(await verifyVisitorToken("secret-a", "v1.!!.??")).toMatchObject({ ok: false, error: { code: "invalid_token" } });
    const expired = await signVisitorToken("secret-a", { ...claims, e: Math.floor(Date.now() / 1000) - 1 });
    expect(await verifyVisitorToken("secret-a", expired)).toMatchObject({ ok: false, error: { code: "token_expired" } });
  });

  it("refuses forged, expired and missing tokens over REST and WebSocket", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const path = `/api/chat/${visitor.session_id}/history`;
    const expired = await signVisitorToken(env.VISITOR_TOKEN_SECRET, {
      v: visitor.visitor_id,
      s: site.siteId,
      w: site.workspaceId,
      e: Math.floor(Date.now() / 1000) - 5,
    });
    const forgedSecret = await signVisitorToken("not-the-secret", {
      v: visitor.visitor_id,
      s: site.siteId,
      w: site.workspaceId,
      e: Math.floor(Date.now() / 1000) + 600,
    });

    for (const [token, code] of [
      [tamper(visitor.visitor_token), "invalid_token"],
      [forgedSecret, "invalid_token"],
      [expired, "token_expired"],
    ] as const) {
      const rest = await request(path, { token });
      expect(rest.status).toBe(401);
      expect(await rest.json()).toMatchObject({ error: { code } });
      const upgrade = await TestSocket.upgrade(visitor.session_id, token);
      expect(upgrade.status).toBe(401);
      expect(upgrade.webSocket).toBeNull();
    }
    expect((await request(path)).status).toBe(401);
    expect((await request(path, { token: visitor.visitor_token })).status).toBe(200);
  });

  it("refuses a token of another site, even for the same workspace's conversations", async () => {
    const siteA = await createSite();
    const siteB = await createSite();
    const a = await startSession(siteA);
    const b = await startSession(siteB);

    const crossRead = await request(`/api/chat/${a.session_id}/history`, { token: b.visitor_token });
    expect(crossRead.status).toBe(403);
    const crossIdentify = await request(`/api/widget/${siteA.siteKey}/identify`, {
      token: b.visitor_token,
      body: { user_id: "u1", user_hash: "0".repeat(64) },
    });
    expect(crossIdentify.status).toBe(403);
    expect(await crossIdentify.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("keeps the token out of the URL: the socket takes it from the subprotocol list only", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const noProtocol = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token, { protocols: [`bearer.${visitor.visitor_token}`] });
    expect(noProtocol.status).toBe(400);
    const noBearer = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token, { protocols: ["parley.v1"] });
    expect(noBearer.status).toBe(401);
    const ok = await TestSocket.upgrade(visitor.session_id, visitor.visitor_token);
    expect(ok.status).toBe(101);
    expect(ok.headers.get("Sec-WebSocket-Protocol")).toBe("parley.v1");
    ok.webSocket?.accept();
    ok.webSocket?.close();
  });
});
