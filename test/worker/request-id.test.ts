import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chatLimits } from "../../src/config";
import { runCron } from "./cron";
import { createSite, request, startSession, TestSocket } from "./helpers";
import { REPORTED } from "./reported";

type LogLine = Record<string, unknown>;

/** The structured lines `logEvent` wrote since `log` began spying. */
function structured(log: { mock: { calls: unknown[][] } }): LogLine[] {
  return log.mock.calls
    .map(([text]) => (typeof text === "string" && text.startsWith('{"event"') ? (JSON.parse(text) as LogLine) : null))
    .filter((line): line is LogLine => line !== null);
}

/** The structured lines `logEvent` wrote while `work` ran. */
async function logLinesOf<T>(work: () => Promise<T>): Promise<{ response: T; lines: LogLine[] }> {
  const log = vi.spyOn(console, "log");
  const response = await work();
  return { response, lines: structured(log) };
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

describe("work no request started is traced the same way", () => {
  it("gives a socket frame an id of its own, carried into the lobby it calls", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const log = vi.spyOn(console, "log");
    socket.send({ type: "message", client_msg_id: "traced", content: "Hello?" });
    // The lobby hears of the first message in the frame's own work, after the room told the socket.
    const escalation = await vi.waitFor(() => {
      const line = structured(log).find((line) => line.event === "escalation");
      expect(line).toBeDefined();
      return line!;
    });
    expect(escalation.request_id).toMatch(/^frame-[0-9a-f-]{36}$/);
    // The message line is the room's, the escalation the lobby's: the id crossed the RPC.
    const message = structured(log).find((line) => line.event === "message");
    expect(message?.request_id).toBe(escalation.request_id);
    socket.end();
  });

  it("gives each Cron run an id, carried into the conversations it closes", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: { content: "where is my order?" } });
    await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason: "help" } });
    await vi.waitFor(async () => {
      const row = await env.DB.prepare("SELECT status FROM conversations WHERE id = ?").bind(visitor.session_id).first<{ status: string }>();
      expect(row?.status).toBe("waiting");
    }, REPORTED);
    const longAgo = Date.now() - chatLimits(env).sessionTimeoutMs - 60_000;
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    await runInDurableObject(stub, (_, state) => state.storage.kv.put("last_activity_at", longAgo));
    await env.DB.prepare("UPDATE conversations SET updated_at = ? WHERE id = ?").bind(longAgo, visitor.session_id).run();
    const { lines } = await logLinesOf(runCron);
    const sweep = lines.find((line) => line.event === "timeout_sweep");
    expect(sweep, JSON.stringify(lines)).toMatchObject({ asked: 1, closed: 1, request_id: expect.stringMatching(/^cron-/) });
    const closed = lines.find((line) => line.event === "state_change" && line.conversation_id === visitor.session_id);
    expect(closed, JSON.stringify(lines)).toMatchObject({ request_id: sweep!.request_id });
  });
});

function startSessionRequest(siteKey: string): Promise<Response> {
  return request(`/api/widget/${siteKey}/session`, { body: { browser_session_id: `browser-${crypto.randomUUID()}` } });
}
