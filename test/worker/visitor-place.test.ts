import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SessionInitResponse } from "../../src/protocol";
import { checkedFetch, createSite, ORIGIN, type TestSite } from "./helpers";

/** What Cloudflare's edge says of a caller in Lisbon. */
const LISBON = { country: "PT", city: "Lisbon" };
/** The `request.cf` wrangler dev gives every request (miniflare's placeholder), in part. */
const WRANGLER_PLACEHOLDER = { country: "US", city: "Austin", colo: "DFW", postalCode: "78701" };

/** A session init from `address` (the `CF-Connecting-IP` header), with `request.cf` as given. */
async function initFrom(site: TestSite, address: string | null, cf: object): Promise<SessionInitResponse> {
  const headers = new Headers({ "Content-Type": "application/json", Origin: ORIGIN });
  if (address) headers.set("CF-Connecting-IP", address);
  const body = JSON.stringify({ browser_session_id: `browser-${crypto.randomUUID()}` });
  // RequestInit's `cf` is typed for outbound fetches; the worker reads it as the incoming request's.
  const init = { method: "POST", headers, body, cf } as RequestInit;
  const response = await checkedFetch(new Request(`http://parley.test/api/widget/${site.siteKey}/session`, init));
  expect(response.status).toBe(200);
  return (await response.json()) as SessionInitResponse;
}

async function storedPlace(visitorId: string): Promise<{ country: unknown; city: unknown }> {
  const row = await env.DB.prepare("SELECT context FROM visitors WHERE id = ?").bind(visitorId).first<{ context: string }>();
  const context = JSON.parse(row!.context) as { country?: unknown; city?: unknown };
  return { country: context.country, city: context.city };
}

describe("a visitor's location", () => {
  it("is Cloudflare's for a caller from the internet", async () => {
    const site = await createSite();
    const visitor = await initFrom(site, "203.0.113.7", LISBON);
    expect(await storedPlace(visitor.visitor_id)).toEqual(LISBON);
  });

  it("is unknown for a local caller, whatever wrangler dev's placeholder says", async () => {
    const site = await createSite();
    for (const address of [null, "127.0.0.1", "::1", "10.1.2.3", "192.168.1.20", "172.20.0.5", "fd12:3456::1", "fe80::1"]) {
      const visitor = await initFrom(site, address, WRANGLER_PLACEHOLDER);
      expect(await storedPlace(visitor.visitor_id), String(address)).toEqual({ country: null, city: null });
    }
  });
});
