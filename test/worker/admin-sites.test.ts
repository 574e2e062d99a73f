import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { toHex } from "../../src/lib/encoding";
import { hmacSha256 } from "../../src/lib/hmac";
import {
  CLOSE_CODES,
  SITES_PER_WORKSPACE_MAX,
  SYSTEM_EVENTS,
  type ConversationListResponse,
  type HistoryResponse,
  type IdentitySecretResponse,
  type SessionInitResponse,
  type Site,
  type SiteListResponse,
} from "../../src/protocol";
import { agentRequest, createAgent, DASHBOARD_ORIGIN, DashboardSocket, type TestAgent } from "./agents";
import { checkedFetch, createSite, ORIGIN, randomIp, request, startSession, TestSocket, type TestSite } from "./helpers";

async function admin(site: TestSite, name = "Ada"): Promise<TestAgent> {
  return createAgent(site, { role: "admin", name });
}

function createSiteAs(agent: TestAgent, body: unknown) {
  return agentRequest("/api/sites", { cookie: agent.cookie, body });
}

function patchSite(agent: TestAgent, siteId: string, body: unknown) {
  return agentRequest(`/api/sites/${siteId}`, { method: "PATCH", cookie: agent.cookie, body });
}

async function errorOf(response: Response): Promise<{ code: string; message: string; details?: unknown }> {
  return ((await response.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}

function sessionInit(siteKey: string, browser = `browser-${crypto.randomUUID()}`) {
  return request(`/api/widget/${siteKey}/session`, { body: { browser_session_id: browser } });
}

describe("sites: create, read, list, update (SPEC §5)", () => {
  it("creates a site with a fixed, unguessable key and the given settings; the widget reads every change at its next init", async () => {
    const ada = await admin(await createSite());
    const response = await createSiteAs(ada, {
      name: "Docs",
      allowed_origins: [ORIGIN, "HTTPS://Docs.Example:443", "http://localhost:8787", ORIGIN],
      theme: { color: "#112233", position: "left" },
      greeting: "Hello there",
      locale: "de",
      bot_enabled: false,
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Site;
    expect(created).toMatchObject({
      name: "Docs",
      allowed_origins: [ORIGIN, "https://docs.example", "http://localhost:8787"],
      theme: { color: "#112233", mode: "auto", position: "left" },
      greeting: "Hello there",
      locale: "de",
      bot_enabled: false,
      identity_enabled: false,
    });
    expect(created.site_key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const other = (await (await createSiteAs(ada, { name: "Blog" })).json()) as Site;
    expect(other.site_key).not.toBe(created.site_key);
    expect(other).toMatchObject({ allowed_origins: [], theme: { color: "#4f46e5", mode: "auto", position: "right" }, locale: "en", bot_enabled: true });

    const read = await agentRequest(`/api/sites/${created.id}`, { cookie: ada.cookie });
    expect(await read.json()).toEqual(created);

    const first = (await (await sessionInit(created.site_key)).json()) as SessionInitResponse;
    expect(first.site).toMatchObject({ name: "Docs", greeting: "Hello there", locale: "de", bot_enabled: false, theme: created.theme });

    const patched = await patchSite(ada, created.id, { greeting: "Welcome back", theme: { mode: "dark" }, bot_enabled: true, name: "Docs site" });
    expect(patched.status).toBe(200);
    const updated = (await patched.json()) as Site;
    expect(updated).toMatchObject({ site_key: created.site_key, greeting: "Welcome back", theme: { color: "#112233", mode: "dark", position: "left" } });
    const next = (await (await sessionInit(created.site_key)).json()) as SessionInitResponse;
    expect(next.site).toMatchObject({ name: "Docs site", greeting: "Welcome back", bot_enabled: true, theme: { color: "#112233", mode: "dark", position: "left" } });

    const narrowed = await patchSite(ada, created.id, { allowed_origins: ["https://docs.example"] });
    expect(((await narrowed.json()) as Site).allowed_origins).toEqual(["https://docs.example"]);
    expect((await sessionInit(created.site_key)).status).toBe(403);

    const keyChange = await patchSite(ada, created.id, { site_key: "mine" });
    expect(keyChange.status).toBe(400);
    expect((await errorOf(keyChange)).message).toContain("site_key");
  });

  it("lists the workspace's sites by name: settings for admins, only names and keys for agents", async () => {
    const site = await createSite();
    const ada = await admin(site);
    const sam = await createAgent(site, { name: "Sam" });
    const docs = (await (await createSiteAs(ada, { name: "A docs site" })).json()) as Site;
    const forAdmin = (await (await agentRequest("/api/sites", { cookie: ada.cookie })).json()) as SiteListResponse;
    expect(forAdmin.sites.map((s) => s.id)).toEqual([docs.id, site.siteId]);
    expect(forAdmin.sites[0]).toEqual(docs);
    const forAgent = (await (await agentRequest("/api/sites", { cookie: sam.cookie })).json()) as SiteListResponse;
    expect(forAgent.sites).toEqual([
      { id: docs.id, name: "A docs site", site_key: docs.site_key },
      { id: site.siteId, name: "Test Shop", site_key: site.siteKey },
    ]);
  });

  it(`caps a workspace at ${SITES_PER_WORKSPACE_MAX} live sites, even when admins add at once; deleted ones do not count`, async () => {
    const site = await createSite();
    const ada = await admin(site);
    const now = Date.now();
    await env.DB.batch(
      Array.from({ length: SITES_PER_WORKSPACE_MAX - 2 }, () =>
        env.DB.prepare("INSERT INTO sites (id, workspace_id, site_key, name, created_at, updated_at) VALUES (?, ?, ?, 'Filler', ?, ?)").bind(
          crypto.randomUUID(),
          site.workspaceId,
          crypto.randomUUID(),
          now,
          now,
        ),
      ),
    );
    const attempts = await Promise.all(Array.from({ length: 4 }, (_, i) => createSiteAs(ada, { name: `Last ${i}` })));
    expect(attempts.map((response) => response.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await errorOf(attempts.find((response) => response.status === 409)!)).toMatchObject({ code: "too_many_sites" });
    expect((await agentRequest(`/api/sites/${site.siteId}`, { method: "DELETE", cookie: ada.cookie })).status).toBe(204);
    expect((await createSiteAs(ada, { name: "Instead" })).status).toBe(201);
    expect((await createSiteAs(ada, { name: "One too many" })).status).toBe(409);
  });

  it("refuses agents with 403, other workspaces' and unknown ids with 404, and callers without a session with 401", async () => {
    const site = await createSite();
    const sam = await createAgent(site, { name: "Sam" });
    const outsider = await admin(await createSite(), "Olga");
    const path = `/api/sites/${site.siteId}`;
    const attempts = (cookie: string) => [
      agentRequest("/api/sites", { cookie, body: { name: "Mine" } }),
      agentRequest(path, { cookie }),
      agentRequest(path, { method: "PATCH", cookie, body: { name: "Taken" } }),
      agentRequest(`${path}/identity-secret`, { method: "POST", cookie }),
      agentRequest(path, { method: "DELETE", cookie }),
    ];
    for (const response of await Promise.all(attempts(sam.cookie))) {
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toMatchObject({ code: "forbidden" });
    }
    for (const response of (await Promise.all(attempts(outsider.cookie))).slice(1)) {
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: "not_found" });
    }
    const ada = await admin(site);
    expect((await agentRequest(`/api/sites/${crypto.randomUUID()}`, { cookie: ada.cookie })).status).toBe(404);
    expect((await agentRequest("/api/sites", { body: { name: "Anonymous" } })).status).toBe(401);
    const forged = await agentRequest(path, { method: "PATCH", cookie: ada.cookie, body: { name: "Forged" }, origin: "https://evil.example" });
    expect(forged.status).toBe(403);

    const unchanged = (await (await agentRequest(path, { cookie: ada.cookie })).json()) as Site;
    expect(unchanged).toMatchObject({ name: "Test Shop", identity_enabled: false });
    expect((await sessionInit(site.siteKey)).status).toBe(200);
  });
});

describe("allowed origins are scheme://host[:port] and nothing else", () => {
  const MALFORMED = [
    "https://shop.example/",
    "https://shop.example/path",
    "https://shop.example?q=1",
    "https://shop.example#top",
    "https://user:secret@shop.example",
    "https://shop.example\\@evil.example",
    "https://ex%61mple.com",
    "ftp://shop.example",
    "javascript:alert(1)",
    "shop.example",
    "//shop.example",
    "https://",
    "https://shop.example:99999",
    " https://shop.example",
    "https://shop .example",
    "",
    "**",
  ];

  it("refuses each malformed origin with 400, quoting it and naming its place", async () => {
    const site = await createSite();
    const ada = await admin(site);
    for (const bad of MALFORMED) {
      const response = await patchSite(ada, site.siteId, { allowed_origins: ["https://ok.example", bad] });
      expect(response.status, bad).toBe(400);
      const error = await errorOf(response);
      expect(error.code, bad).toBe("invalid_origin");
      expect(error.message, bad).toContain(JSON.stringify(bad));
      expect(error.message, bad).toMatch(/^allowed_origins\.1: /);
      expect(error.details, bad).toEqual([{ path: "allowed_origins.1", message: expect.stringContaining(JSON.stringify(bad)) }]);
    }
    const huge = "https://" + "a".repeat(5_000) + ".example";
    const tooLong = await errorOf(await patchSite(ada, site.siteId, { allowed_origins: [huge] }));
    expect(tooLong).toMatchObject({ code: "invalid_origin" });
    expect(tooLong.message.length).toBeLessThan(400);
    const notText = await errorOf(await patchSite(ada, site.siteId, { allowed_origins: [["https://ok.example"]] }));
    expect(notText.message).toMatch(/^allowed_origins\.0: /);
    const tooMany = Array.from({ length: 51 }, (_, i) => `https://shop${i}.example`);
    expect((await errorOf(await patchSite(ada, site.siteId, { allowed_origins: tooMany }))).message).toMatch(/^allowed_origins: /);

    const kept = (await (await agentRequest(`/api/sites/${site.siteId}`, { cookie: ada.cookie })).json()) as Site;
    expect(kept.allowed_origins).toEqual([ORIGIN]);
  });

  it("stores origins as browsers send them, and takes \"*\" as any origin", async () => {
    const site = await createSite();
    const ada = await admin(site);
    const response = await patchSite(ada, site.siteId, {
      allowed_origins: ["HTTPS://Shop.Example:443", "http://shop.example:80", "http://[::1]:8787", "https://bücher.example", "https://shop.example"],
    });
    expect(((await response.json()) as Site).allowed_origins).toEqual([
      "https://shop.example",
      "http://shop.example",
      "http://[::1]:8787",
      "https://xn--bcher-kva.example",
    ]);
    expect((await sessionInit(site.siteKey)).status).toBe(200);

    await patchSite(ada, site.siteId, { allowed_origins: ["*"] });
    const anywhere = await request(`/api/widget/${site.siteKey}/session`, {
      body: { browser_session_id: "browser-anywhere" },
      origin: "https://elsewhere.example",
    });
    expect(anywhere.status).toBe(200);
  });
});

describe("site bodies are checked field by field", () => {
  it("refuses invalid, unknown, huge and deeply nested fields with 400 naming the field", async () => {
    const site = await createSite();
    const ada = await admin(site);
    const cases: Array<[unknown, string]> = [
      [{}, "name"],
      [{ name: "   " }, "name"],
      [{ name: "\u200b\u200b" }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ name: "Shop\u0007" }, "name"],
      [{ name: "Shop", theme: { color: "red" } }, "theme.color"],
      [{ name: "Shop", theme: { mode: "neon" } }, "theme.mode"],
      [{ name: "Shop", theme: { position: "top" } }, "theme.position"],
      [{ name: "Shop", theme: { color: "#000000", shadow: true } }, "shadow"],
      [{ name: "Shop", theme: "dark" }, "theme"],
      [{ name: "Shop", greeting: "g".repeat(501) }, "greeting"],
      [{ name: "Shop", locale: "en_US; drop" }, "locale"],
      [{ name: "Shop", locale: "x".repeat(36) }, "locale"],
      [{ name: "Shop", bot_enabled: "yes" }, "bot_enabled"],
      [{ name: "Shop", allowed_origins: "https://shop.example" }, "allowed_origins"],
      [{ name: "Shop", identity_secret: "chosen-by-me" }, "identity_secret"],
    ];
    for (const [body, field] of cases) {
      const response = await createSiteAs(ada, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(response)).message, JSON.stringify(body)).toContain(field);
    }
    const nothing = await patchSite(ada, site.siteId, {});
    expect(nothing.status).toBe(400);
    expect((await errorOf(nothing)).message).toContain("nothing to change");

    const deep = `{"name":"Shop","allowed_origins":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const nested = await checkedFetch(
      new Request(`${DASHBOARD_ORIGIN}/api/sites`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: ada.cookie, Origin: DASHBOARD_ORIGIN, "CF-Connecting-IP": randomIp() },
        body: deep,
      }),
    );
    expect(nested.status).toBe(400);
    expect((await errorOf(nested)).message).toMatch(/^allowed_origins\.0: /);

    const huge = await createSiteAs(ada, { name: "Shop", greeting: "g".repeat(70_000) });
    expect(huge.status).toBe(413);
    const list = (await (await agentRequest("/api/sites", { cookie: ada.cookie })).json()) as SiteListResponse;
    expect(list.sites).toHaveLength(1);
  });
});

describe("the identity secret (SPEC §4.9)", () => {
  it("is shown once, never read back, and rotating it voids the old one's hashes at once", async () => {
    const site = await createSite();
    const ada = await admin(site);
    const path = `/api/sites/${site.siteId}/identity-secret`;
    const made = await agentRequest(path, { method: "POST", cookie: ada.cookie });
    expect(made.status).toBe(200);
    expect(made.headers.get("Cache-Control")).toBe("no-store");
    const { identity_secret: first } = (await made.json()) as IdentitySecretResponse;
    expect(first).toMatch(/^[0-9a-f]{64}$/);

    const read = await agentRequest(`/api/sites/${site.siteId}`, { cookie: ada.cookie });
    const text = await read.text();
    expect(JSON.parse(text)).toMatchObject({ identity_enabled: true });
    expect(text).not.toContain(first);
    expect(await (await agentRequest("/api/sites", { cookie: ada.cookie })).text()).not.toContain(first);

    const visitor = await startSession(site);
    const identify = async (secret: string, userId: string) =>
      request(`/api/widget/${site.siteKey}/identify`, {
        token: visitor.visitor_token,
        body: { user_id: userId, user_hash: toHex(await hmacSha256(secret, userId)) },
      });
    expect((await identify(first, "user-1")).status).toBe(200);

    const { identity_secret: second } = (await (await agentRequest(path, { method: "POST", cookie: ada.cookie })).json()) as IdentitySecretResponse;
    expect(second).not.toBe(first);
    const stale = await identify(first, "user-2");
    expect(stale.status).toBe(401);
    expect(await errorOf(stale)).toMatchObject({ code: "invalid_user_hash" });
    expect((await identify(second, "user-2")).status).toBe(200);
  });
});

describe("deleting a site", () => {
  it("stops its key and tokens, closes its open conversations through the lobby, and keeps their history in the inbox", async () => {
    const site = await createSite();
    const ada = await admin(site);
    const sam = await createAgent(site, { name: "Sam" });
    const dashboard = await DashboardSocket.open(sam);
    const kept = (await (await createSiteAs(ada, { name: "Kept", allowed_origins: [ORIGIN] })).json()) as Site;

    const waiting = await startSession(site);
    await request(`/api/chat/${waiting.session_id}/messages`, { token: waiting.visitor_token, body: { content: "I need a person" } });
    await request(`/api/chat/${waiting.session_id}/escalate`, { token: waiting.visitor_token, body: { reason: "Help" } });
    const chatting = await startSession(site);
    const socket = await TestSocket.open(chatting.session_id, chatting.visitor_token);
    await request(`/api/chat/${chatting.session_id}/messages`, { token: chatting.visitor_token, body: { content: "shipping?" } });
    const browsing = await startSession(site);
    const browsingSocket = await TestSocket.open(browsing.session_id, browsing.visitor_token);
    const elsewhere = (await (await sessionInit(kept.site_key)).json()) as SessionInitResponse;
    await request(`/api/chat/${elsewhere.session_id}/messages`, { token: elsewhere.visitor_token, body: { content: "hello" } });
    await dashboard.next("new_session", (f) => f.data.customer.customer_id === elsewhere.visitor_id);

    const deleted = await agentRequest(`/api/sites/${site.siteId}`, { method: "DELETE", cookie: ada.cookie });
    expect(deleted.status).toBe(204);

    // The room is told why, sees the close, and its visitor is let go.
    const note = await socket.next("message", (f) => f.message.sender_type === "system" && f.message.metadata?.event === SYSTEM_EVENTS.closed);
    expect(note.message.metadata).toMatchObject({ reason: "site_deleted" });
    await socket.next("status", (f) => f.status === "closed");
    await socket.until(() => socket.closed !== null, "the visitor's socket closed");
    expect(socket.closed).toEqual({ code: CLOSE_CODES.siteDeleted, reason: "site_deleted" });
    await dashboard.next("customer_stop_status_changed", (f) => !f.data.stop && f.data.customer.customer_id === waiting.visitor_id);
    const queue = await dashboard.request({ type: "get_stopped_customers", data: {} }, "stopped_customers");
    expect(queue.data.total).toBe(0);
    const live = await dashboard.request({ type: "get_sessions", data: { filter: "open" } }, "sessions");
    expect(live.data.customers.map((c) => c.customer_id)).toEqual([elsewhere.visitor_id]);

    // The key and every token of the site stop.
    const init = await sessionInit(site.siteKey);
    expect(init.status).toBe(404);
    expect(await errorOf(init)).toMatchObject({ code: "site_not_found" });
    for (const response of [
      await request(`/api/chat/${waiting.session_id}/messages`, { token: waiting.visitor_token, body: { content: "still there?" } }),
      await request(`/api/chat/${chatting.session_id}/history`, { token: chatting.visitor_token }),
      await request(`/api/chat/${browsing.session_id}/escalate`, { token: browsing.visitor_token, body: { reason: "Help" } }),
      await request(`/api/widget/${site.siteKey}/identify`, { token: waiting.visitor_token, body: { user_id: "u", user_hash: "0".repeat(64) } }),
      await TestSocket.upgrade(chatting.session_id, chatting.visitor_token),
    ]) {
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: "site_not_found" });
    }

    // A socket from before, on a session no one had written in, can neither list nor reopen it.
    browsingSocket.send({ type: "message", client_msg_id: "late-1", content: "anyone?" });
    await browsingSocket.next("status", (f) => f.status === "closed");

    // The history stays, with the site's name, for agents; no one can write in it again.
    const closed = (await (await agentRequest("/api/conversations?filter=closed", { cookie: sam.cookie })).json()) as ConversationListResponse;
    const ids = closed.conversations.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([waiting.session_id, chatting.session_id]));
    expect(closed.conversations.find((c) => c.id === waiting.session_id)).toMatchObject({ site_name: "Test Shop", status: "closed" });
    const history = (await (await agentRequest(`/api/chat/${waiting.session_id}/history`, { cookie: sam.cookie })).json()) as HistoryResponse;
    expect(history.messages.map((m) => m.content)).toContain("I need a person");
    expect(history.messages.at(-1)).toMatchObject({ sender_type: "system", metadata: { event: SYSTEM_EVENTS.closed, reason: "site_deleted" } });
    const reply = await agentRequest(`/api/chat/${waiting.session_id}/messages`, { cookie: sam.cookie, body: { content: "Back again" } });
    expect(reply.status).toBe(410);
    expect(await errorOf(reply)).toMatchObject({ code: "site_deleted" });
    expect(dashboard.of("new_session").some((f) => f.data.customer.customer_id === browsing.visitor_id)).toBe(false);

    // The site is gone from the admin's side: not listed, not found, not deletable twice.
    const list = (await (await agentRequest("/api/sites", { cookie: ada.cookie })).json()) as SiteListResponse;
    expect(list.sites.map((s) => s.id)).toEqual([kept.id]);
    for (const response of [
      await agentRequest(`/api/sites/${site.siteId}`, { cookie: ada.cookie }),
      await patchSite(ada, site.siteId, { name: "Back" }),
      await agentRequest(`/api/sites/${site.siteId}/identity-secret`, { method: "POST", cookie: ada.cookie }),
      await agentRequest(`/api/sites/${site.siteId}/faqs`, { cookie: ada.cookie }),
      await agentRequest(`/api/faqs/${site.faqIds[0]}`, { method: "DELETE", cookie: ada.cookie }),
      await agentRequest(`/api/sites/${site.siteId}`, { method: "DELETE", cookie: ada.cookie }),
    ]) {
      expect(response.status).toBe(404);
    }
    expect((await sessionInit(kept.site_key)).status).toBe(200);
    socket.end();
    browsingSocket.end();
    dashboard.end();
  });
});
