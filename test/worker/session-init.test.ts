import { describe, expect, it } from "vitest";
import { keepAliveIntervalMs } from "../../src/protocol";
import { createSite, request, startSession } from "./helpers";

describe("POST /api/widget/:site_key/session", () => {
  it("gives the same browser the same session, and another browser another", async () => {
    const site = await createSite();
    const first = await startSession(site, "browser-aaaaaaaa");
    const again = await startSession(site, "browser-aaaaaaaa");
    const other = await startSession(site, "browser-bbbbbbbb");

    expect(again.session_id).toBe(first.session_id);
    expect(again.visitor_id).toBe(first.visitor_id);
    expect(other.session_id).not.toBe(first.session_id);
    expect(first.visitor_token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(first.site.faqs.map((f) => f.question)).toEqual([
      "How long does shipping take?",
      "What is your return policy?",
    ]);
    expect(first.site.bot_enabled).toBe(true);
    expect(first.limits).toEqual({ max_message_length: 1000, keepalive_ms: keepAliveIntervalMs(30_000) });
  });

  it("creates one session when two tabs of a new browser start at once", async () => {
    const site = await createSite();
    const results = await Promise.all(Array.from({ length: 5 }, () => startSession(site, "browser-concurrent")));
    expect(new Set(results.map((r) => r.session_id)).size).toBe(1);
  });

  it("refuses an origin the site does not allow, and a missing origin", async () => {
    const site = await createSite({ origins: ["https://shop.example"] });
    const forged = await request(`/api/widget/${site.siteKey}/session`, {
      body: { browser_session_id: "browser-forged-1" },
      origin: "https://evil.example",
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: "origin_not_allowed" } });

    const missing = await request(`/api/widget/${site.siteKey}/session`, {
      body: { browser_session_id: "browser-forged-2" },
      origin: null,
    });
    expect(missing.status).toBe(403);
  });

  it("answers an unknown site key with 404 and bad bodies with 400", async () => {
    const site = await createSite();
    const unknown = await request("/api/widget/nope/session", { body: { browser_session_id: "browser-x-1" } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "site_not_found" } });

    const badJson = await request(`/api/widget/${site.siteKey}/session`, { body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: "bad_json" } });

    const badId = await request(`/api/widget/${site.siteKey}/session`, { body: { browser_session_id: "<script>" } });
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("rate limits session init per client address", async () => {
    const site = await createSite();
    const ip = "203.0.113.77";
    const statuses: number[] = [];
    // The limiter counts per minute window; going on past twice the limit still finds the refusal
    // when a window happens to end during the loop.
    for (let i = 0; i < 240 && !statuses.includes(429); i++) {
      const response = await request(`/api/widget/${site.siteKey}/session`, {
        body: { browser_session_id: `browser-flood-${i}` },
        headers: { "CF-Connecting-IP": ip },
      });
      statuses.push(response.status);
    }
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThanOrEqual(120);
    expect(statuses.slice(0, firstRefusal).every((s) => s === 200)).toBe(true);
  });
});
