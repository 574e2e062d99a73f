import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { ServerFrameSchema, type ServerFrame, type ServerFrameOf, type SessionInitResponse } from "../../src/protocol";
import { assertMatchesContract } from "../shared/api-contract";
import { FrameInbox } from "../shared/frame-inbox";

export const ORIGIN = "https://shop.example";
const BASE = "http://parley.test";

export interface TestSite {
  workspaceId: string;
  siteId: string;
  siteKey: string;
  faqIds: string[];
}

export const DEFAULT_FAQS = [
  { question: "How long does shipping take?", answer: "Orders ship within 2 business days.", keywords: "delivery shipping" },
  { question: "What is your return policy?", answer: "Returns are free within 30 days.", keywords: "refund return exchange broken" },
];

/** A workspace with one site, written straight into D1 as an admin would have set it up. */
export async function createSite(options: {
  origins?: string[];
  botEnabled?: boolean;
  identitySecret?: string | null;
  faqs?: typeof DEFAULT_FAQS;
} = {}): Promise<TestSite> {
  const now = Date.now();
  const workspaceId = crypto.randomUUID();
  const siteId = crypto.randomUUID();
  const siteKey = `site-${crypto.randomUUID().slice(0, 8)}`;
  const faqs = options.faqs ?? DEFAULT_FAQS;
  const faqIds = faqs.map(() => crypto.randomUUID());
  await env.DB.batch([
    env.DB.prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)").bind(workspaceId, "Test", now),
    env.DB.prepare(
      `INSERT INTO sites (id, workspace_id, site_key, name, allowed_origins, theme, greeting, bot_enabled, identity_secret, created_at, updated_at)
       VALUES (?, ?, ?, 'Test Shop', ?, '{}', 'Hi!', ?, ?, ?, ?)`,
    ).bind(
      siteId,
      workspaceId,
      siteKey,
      JSON.stringify(options.origins ?? [ORIGIN]),
      options.botEnabled === false ? 0 : 1,
      options.identitySecret ?? null,
      now,
      now,
    ),
    ...faqs.map((faq, i) =>
      env.DB.prepare(
        "INSERT INTO faqs (id, site_id, question, answer, keywords, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).bind(faqIds[i], siteId, faq.question, faq.answer, faq.keywords, i, now),
    ),
  ]);
  return { workspaceId, siteId, siteKey, faqIds };
}

/** A different client address per call, so the per-IP init limit never couples two tests. */
export function randomIp(): string {
  const part = () => Math.floor(Math.random() * 250) + 1;
  return `10.${part()}.${part()}.${part()}`;
}

export function request(
  path: string,
  init: { method?: string; body?: unknown; token?: string; origin?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  const origin = init.origin === undefined ? ORIGIN : init.origin;
  if (origin) headers.set("Origin", origin);
  if (!headers.has("CF-Connecting-IP")) headers.set("CF-Connecting-IP", randomIp());
  return checkedFetch(
    new Request(`${BASE}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? null : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    }),
  );
}

/** Sends a request to the worker and checks its answer against the API contract. */
export async function checkedFetch(request: Request): Promise<Response> {
  const response = await exports.default.fetch(request);
  await assertMatchesContract(request.method, request.url, response);
  return response;
}

export interface Visitor extends SessionInitResponse {
  browserSessionId: string;
}

export async function startSession(site: TestSite, browserSessionId = `browser-${crypto.randomUUID()}`): Promise<Visitor> {
  const response = await request(`/api/widget/${site.siteKey}/session`, { body: { browser_session_id: browserSessionId } });
  expect(response.status).toBe(200);
  return { ...((await response.json()) as SessionInitResponse), browserSessionId };
}

/**
 * A session of `site` whose id `accept`s: for tests that need a conversation whose id-derived
 * timing (an offset in a window, a gather) falls in some range. Ids are random, so this starts
 * sessions until one does, at most 50; `wanted` names the range in the error.
 */
export async function startSessionWhere(site: TestSite, accept: (sessionId: string) => boolean, wanted: string): Promise<Visitor> {
  for (let tries = 0; tries < 50; tries++) {
    const visitor = await startSession(site);
    if (accept(visitor.session_id)) return visitor;
  }
  throw new Error(`50 sessions, none ${wanted}`);
}

/** A socket client in the workers pool that records every frame for the test to wait on. */
export class TestSocket extends FrameInbox<ServerFrame> {
  private constructor(private readonly ws: WebSocket) {
    super(ServerFrameSchema);
    ws.addEventListener("message", (event) => this.receive(typeof event.data === "string" ? event.data : "(binary frame)"));
    ws.addEventListener("close", (event) => this.close(event.code, event.reason));
  }

  static async open(
    sessionId: string,
    token: string,
    options: { afterSeq?: number; origin?: string | null; protocols?: string[]; ip?: string } = {},
  ): Promise<TestSocket> {
    const response = await TestSocket.upgrade(sessionId, token, options);
    if (!response.webSocket) throw new Error(`upgrade refused: ${response.status} ${await response.text()}`);
    response.webSocket.accept();
    const socket = new TestSocket(response.webSocket);
    await socket.next("hello");
    return socket;
  }

  static upgrade(
    sessionId: string,
    token: string,
    options: { afterSeq?: number; origin?: string | null; protocols?: string[]; ip?: string } = {},
  ): Promise<Response> {
    const query = options.afterSeq === undefined ? "" : `?after_seq=${options.afterSeq}`;
    const headers: Record<string, string> = {
      Upgrade: "websocket",
      "Sec-WebSocket-Protocol": (options.protocols ?? ["parley.v1", `bearer.${token}`]).join(", "),
    };
    const origin = options.origin === undefined ? ORIGIN : options.origin;
    if (origin) headers.Origin = origin;
    headers["CF-Connecting-IP"] = options.ip ?? randomIp();
    return checkedFetch(new Request(`${BASE}/ws/chat/${sessionId}${query}`, { headers }));
  }

  get hello(): ServerFrameOf<"hello"> {
    return this.of("hello")[0]!;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Waits until `count` message frames have arrived, and returns every message so far. */
  async messages(count: number, timeoutMs = 20_000) {
    await this.next("message", () => this.of("message").length >= count, timeoutMs);
    return this.of("message").map((f) => f.message);
  }

  end(): void {
    this.ws.close(1000, "done");
  }
}
