import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { hashPassword } from "../../src/auth/passwords";
import { DashboardServerFrameSchema, ServerFrameSchema, type DashboardServerFrame, type MeResponse, type ServerFrame } from "../../src/protocol";
import { FrameInbox } from "../shared/frame-inbox";
import { checkedFetch, randomIp, type TestSite } from "./helpers";

/** The dashboard's own origin in tests: requests to http://parley.test come from its pages. */
export const DASHBOARD_ORIGIN = "http://parley.test";
export const PASSWORD = "correct horse battery";

let passwordHash: Promise<string> | null = null;

export interface TestAgent {
  id: string;
  email: string;
  name: string;
  cookie: string;
}

/** Adds an agent to the site's workspace and logs them in over HTTP. */
export async function createAgent(site: TestSite, options: { name?: string; role?: "admin" | "agent" } = {}): Promise<TestAgent> {
  passwordHash ??= hashPassword(PASSWORD);
  const id = crypto.randomUUID();
  const email = `${id.slice(0, 8)}@agents.test`;
  const name = options.name ?? `Agent ${id.slice(0, 4)}`;
  await env.DB.prepare(
    "INSERT INTO agents (id, workspace_id, email, name, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
  )
    .bind(id, site.workspaceId, email, name, options.role ?? "agent", await passwordHash, Date.now())
    .run();
  const response = await login(email, PASSWORD);
  expect(response.status).toBe(200);
  return { id, email, name, cookie: sessionCookie(response) };
}

/** The `Cookie` header value for the session a login (or an accepted invite) answered with. */
export function sessionCookie(response: Response): string {
  const cookie = /parley_session=([^;]+)/.exec(response.headers.get("Set-Cookie") ?? "")?.[1];
  if (!cookie) throw new Error(`no session cookie in the answer (${response.status})`);
  return `parley_session=${cookie}`;
}

/** A second sign-in of the same agent, as from another browser. */
export async function signInAgain(agent: TestAgent, password = PASSWORD): Promise<TestAgent> {
  return { ...agent, cookie: sessionCookie(await login(agent.email, password)) };
}

export function login(email: string, password: string, init: { origin?: string; ip?: string } = {}): Promise<Response> {
  return agentRequest("/api/auth/login", { body: { email, password }, origin: init.origin, ip: init.ip });
}

/** A request from the dashboard page: same origin, with the agent's cookie when given. */
export function agentRequest(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; origin?: string | null; ip?: string } = {},
): Promise<Response> {
  const headers = new Headers({ "CF-Connecting-IP": init.ip ?? randomIp() });
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
  if (init.cookie) headers.set("Cookie", init.cookie);
  const origin = init.origin === undefined ? DASHBOARD_ORIGIN : init.origin;
  if (origin) headers.set("Origin", origin);
  return checkedFetch(
    new Request(`${DASHBOARD_ORIGIN}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    }),
  );
}

export async function me(agent: TestAgent): Promise<MeResponse> {
  return (await (await agentRequest("/api/auth/me", { cookie: agent.cookie })).json()) as MeResponse;
}

/** A dashboard socket (SPEC §7) in the workers pool. */
export class DashboardSocket extends FrameInbox<DashboardServerFrame> {
  private constructor(private readonly ws: WebSocket) {
    super(DashboardServerFrameSchema);
    ws.addEventListener("message", (event) => this.receive(typeof event.data === "string" ? event.data : "(binary frame)"));
    ws.addEventListener("close", (event) => this.close(event.code, event.reason));
  }

  static upgrade(cookie: string, origin: string | null = DASHBOARD_ORIGIN, ip = randomIp()): Promise<Response> {
    const headers: Record<string, string> = { Upgrade: "websocket", Cookie: cookie, "CF-Connecting-IP": ip };
    if (origin) headers.Origin = origin;
    return checkedFetch(new Request(`${DASHBOARD_ORIGIN}/api/dashboard/ws`, { headers }));
  }

  static async open(agent: TestAgent): Promise<DashboardSocket> {
    const response = await DashboardSocket.upgrade(agent.cookie);
    if (!response.webSocket) throw new Error(`dashboard upgrade refused: ${response.status} ${await response.text()}`);
    response.webSocket.accept();
    const socket = new DashboardSocket(response.webSocket);
    await socket.next("agents");
    return socket;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Sends a request and waits for the next frame of `type` that arrives after it. */
  async request<T extends DashboardServerFrame["type"]>(frame: unknown, type: T, timeoutMs = 10_000) {
    const seen = this.of(type).length;
    this.send(frame);
    return this.next(type, () => this.of(type).length > seen, timeoutMs).then(() => this.of(type)[seen]!);
  }

  end(): void {
    this.ws.close(1000, "done");
  }
}

/** A room socket opened by an agent with their cookie, as the dashboard's conversation view does. */
export function agentRoomUpgrade(sessionId: string, cookie: string, origin: string | null = DASHBOARD_ORIGIN): Promise<Response> {
  const headers: Record<string, string> = {
    Upgrade: "websocket",
    Cookie: cookie,
    "Sec-WebSocket-Protocol": "parley.v1",
    "CF-Connecting-IP": randomIp(),
  };
  if (origin) headers.Origin = origin;
  return checkedFetch(new Request(`${DASHBOARD_ORIGIN}/ws/chat/${sessionId}`, { headers }));
}

/** A conversation room as an agent sees it: the dashboard's conversation view, cookie-authenticated. */
export class AgentRoom extends FrameInbox<ServerFrame> {
  private constructor(private readonly ws: WebSocket) {
    super(ServerFrameSchema);
    ws.addEventListener("message", (event) => this.receive(typeof event.data === "string" ? event.data : "(binary frame)"));
    ws.addEventListener("close", (event) => this.close(event.code, event.reason));
  }

  /** Takes over an accepted upgrade response. */
  static accept(response: Response): AgentRoom {
    if (!response.webSocket) throw new Error(`agent room refused: ${response.status}`);
    response.webSocket.accept();
    return new AgentRoom(response.webSocket);
  }

  static async open(sessionId: string, agent: TestAgent): Promise<AgentRoom> {
    const room = AgentRoom.accept(await agentRoomUpgrade(sessionId, agent.cookie));
    await room.next("hello");
    return room;
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  end(): void {
    this.ws.close(1000, "done");
  }
}
