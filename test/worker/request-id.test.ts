import { afterEach, describe, expect, it, vi } from "vitest";
import { createSite, request, startSession } from "./helpers";

/** The structured lines `logEvent` wrote while `work` ran. */
async function logLinesOf(work: () => Promise<Response>): Promise<{ response: Response; lines: Array<Record<string, unknown>> }> {
  const log = vi.spyOn(console, "log");
  const response = await work();
  const lines = log.mock.calls
    .map(([text]) => (typeof text === "string" && text.startsWith('{"event"') ? (JSON.parse(text) as Record<string, unknown>) : null))
    .filter((line): line is Record<string, unknown> => line !== null);
  return { response, lines };
}

afterEach(() => vi.restoreAllMocks());

describe("a request id follows a request into the Durable Objects (SPEC §11)", () => {
  it("names the request in its answer and in the log lines of the objects it reached, two objects deep", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    // A message to a site without the bot escalates: the ChatSession logs, and calls the lobby, which logs too.
    const { response, lines } = await logLinesOf(() =>
      request(`/api/chat/${visitor.session_id}/messages`, { body: { content: "Hello?" }, token: visitor.visitor_token }),
    );
    expect(response.status).toBe(201);
    const requestId = response.headers.get("X-Request-Id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const escalation = lines.find((line) => line.event === "escalation");
    expect(escalation, JSON.stringify(lines)).toBeDefined();
    expect(escalation!.request_id).toBe(requestId);
    expect(lines.every((line) => line.request_id === requestId)).toBe(true);
  });

  it("uses Cloudflare's ray id when there is one, and gives each request its own", async () => {
    const site = await createSite();
    const first = await request(`/api/widget/${site.siteKey}/session`, { body: { browser_session_id: "browser-ray" }, headers: { "CF-Ray": "8f0c2a1b3c4d5e6f-FRA" } });
    expect(first.headers.get("X-Request-Id")).toBe("8f0c2a1b3c4d5e6f-FRA");
    const [a, b] = await Promise.all([startSessionRequest(site.siteKey), startSessionRequest(site.siteKey)]);
    expect(a.headers.get("X-Request-Id")).not.toBe(b.headers.get("X-Request-Id"));
  });
});

function startSessionRequest(siteKey: string): Promise<Response> {
  return request(`/api/widget/${siteKey}/session`, { body: { browser_session_id: `browser-${crypto.randomUUID()}` } });
}
