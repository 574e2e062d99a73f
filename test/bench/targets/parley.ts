import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { SessionInitResponse } from "../../../src/protocol";
import { DEMO } from "../../../scripts/lib/demo-data";
import { seedLocal } from "../../../scripts/seed";
import { ROOT, startWranglerDev, stopProcess, wrangler, type DevServerProcess } from "../../../scripts/lib/wrangler";
import { nextIp } from "../ips";
import type { Sizes } from "../options";
import { stateDir } from "../state-dir";
import { seedBench, type BenchSeed, type SignIn } from "../seed";
import { messageFrame, storedMessageId } from "./floor-frames";
import { openSocket, type OpenOptions } from "./socket";
import type { BenchSocket, OnMessage, Room, RoomKind, SocketHooks, Target } from "./types";

const TOKEN_SECRET = "parley-bench-visitor-token-secret";

/** The conversation socket's frames (SPEC §6), the same for a visitor's tab and an agent's. */
const CHAT_FRAMES: Pick<OpenOptions, "frame" | "messageId" | "ready"> = {
  frame: messageFrame,
  messageId: storedMessageId,
  ready: (text) => text.startsWith('{"type":"hello"'),
};

/**
 * The limits the bench runs Parley with (`--var` overrides of wrangler.toml): a room of 50 tabs of
 * one visitor, one sender at 50 messages a second and 1,000 dashboards would each be refused by the
 * production defaults (5 sockets per person, 5 messages a second), which the `flood` scenario
 * measures on a second server that keeps them. Silent sockets may stay an hour: dashboards sit
 * quiet between runs.
 */
export const BENCH_LIMITS: Record<string, string> = {
  CHAT_RATE_BURST: "1000000",
  CHAT_RATE_PER_SECOND: "1000000",
  CHAT_MAX_SOCKETS_PER_PERSON: "5000",
  CHAT_MAX_SOCKETS_PER_CONVERSATION: "5000",
  CHAT_CONNECTION_TIMEOUT: "3600",
};

/** The report windows as the vars Parley reads them from (`chatLimits`). */
export function windowVars(windows: Sizes["windows"]): Record<string, string> {
  return {
    CHAT_REPORT_WINDOW_SECONDS: String(windows.report),
    CHAT_INDEX_WINDOW_SECONDS: String(windows.index),
    CHAT_INDEX_FLUSH_SECONDS: String(windows.flush),
  };
}

export interface ParleyOptions {
  port: number;
  /** "bench": BENCH_LIMITS; "hardened": wrangler.toml's own limits. */
  limits: "bench" | "hardened";
  inboxSizes: readonly number[];
  /** Keep the local state on disk instead of in memory (`--disk`, see state-dir.ts). */
  stateOnDisk: boolean;
  /** The report windows to run with (`Sizes.windows`). */
  windows: Sizes["windows"];
}

export interface Visitor extends SessionInitResponse {
  ip: string;
}

/** A Parley `wrangler dev` with its own migrated and seeded D1, and the calls the scenarios make. */
export class ParleyTarget implements Target {
  readonly name = "parley" as const;
  /** Rooms taken by agents so far: spreads them over the bench's agents. */
  private rooms = 0;

  private constructor(
    private readonly dev: DevServerProcess,
    private readonly persistTo: string,
    readonly port: number,
    readonly seed: BenchSeed,
  ) {}

  static async start(options: ParleyOptions): Promise<ParleyTarget> {
    const persistTo = stateDir(`parley-bench-${options.limits}-`, options.stateOnDisk);
    await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], { quiet: true });
    await seedLocal({ persistTo, ports: [options.port] });
    const seed = await seedBench(persistTo, options.inboxSizes);
    const vars = { VISITOR_TOKEN_SECRET: TOKEN_SECRET, ...(options.limits === "bench" ? BENCH_LIMITS : {}), ...windowVars(options.windows) };
    // A copy of the built assets: a build meanwhile (npm test, npm run dev) empties dist/public,
    // and wrangler dev exits when the directory it serves disappears.
    const built = join(ROOT, "dist", "public");
    if (!existsSync(built)) throw new Error("dist/public is missing: run `npm run build` first");
    const assets = join(persistTo, "assets");
    cpSync(built, assets, { recursive: true });
    const dev = await startWranglerDev({ port: options.port, persistTo, vars, assets });
    return new ParleyTarget(dev, persistTo, options.port, seed);
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  pids(): number[] {
    return this.dev.child.pid ? [this.dev.child.pid] : [];
  }

  /** `POST /api/widget/:site_key/session` from a fresh address: a new visitor and conversation (the demo site's unless said). */
  async visitor(siteKey: string = DEMO.siteKey): Promise<Visitor> {
    const ip = nextIp();
    const response = await fetch(`${this.origin}/api/widget/${siteKey}/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: this.origin, "CF-Connecting-IP": ip },
      body: JSON.stringify({ browser_session_id: `bench-${ip.replace(/\./g, "-")}-${Date.now()}` }),
    });
    if (!response.ok) throw new Error(`session init: ${response.status} ${await response.text()}`);
    return { ...((await response.json()) as SessionInitResponse), ip };
  }

  async init(ip: string): Promise<void> {
    const response = await fetch(`${this.origin}/api/widget/demo/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: this.origin, "CF-Connecting-IP": ip },
      body: JSON.stringify({ browser_session_id: `bench-init-${ip.replace(/\./g, "-")}-${Date.now()}` }),
    });
    if (!response.ok) throw new Error(`session init: ${response.status} ${await response.text()}`);
    await response.json();
  }

  /** A visitor's tab on its conversation (SPEC §6), open once `hello` arrived. */
  tab(visitor: Visitor, onMessage: OnMessage, hooks?: SocketHooks): Promise<BenchSocket> {
    return openSocket(
      {
        url: `ws://127.0.0.1:${this.port}/ws/chat/${visitor.session_id}`,
        protocols: ["parley.v1", `bearer.${visitor.visitor_token}`],
        origin: this.origin,
        // From the visitor's own address: their upgrades share its limit (SPEC §10), as a real visitor's do.
        headers: { "CF-Connecting-IP": visitor.ip },
        ...CHAT_FRAMES,
      },
      onMessage,
      hooks,
    );
  }

  async room(kind: RoomKind): Promise<Room> {
    const visitor = await this.visitor();
    if (kind === "bot") return { connect: (onMessage, hooks) => this.tab(visitor, onMessage, hooks) };
    const agent = this.seed.dashboardAgents[this.rooms++ % this.seed.dashboardAgents.length]!;
    await this.takeOver(agent, visitor.session_id);
    let connected = 0;
    return {
      connect: (onMessage, hooks) => (connected++ === 0 ? this.tab(visitor, onMessage, hooks) : this.agentTab(agent, visitor.session_id, onMessage, hooks)),
    };
  }

  /** The agent writes in the conversation, which takes it from the bot (SPEC §4.6: an agent's message claims a free session). */
  private async takeOver(agent: SignIn, sessionId: string): Promise<void> {
    const response = await fetch(`${this.origin}/api/chat/${sessionId}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: agent.cookie, Origin: this.origin, "CF-Connecting-IP": nextIp() },
      body: JSON.stringify({ content: "Hi, I am here to help." }),
    });
    if (response.status !== 201) throw new Error(`agent takes over: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }

  /** The agent's socket on a conversation (SPEC §4.2: agents come with their dashboard cookie), open once `hello` arrived. */
  private agentTab(agent: SignIn, sessionId: string, onMessage: OnMessage, hooks?: SocketHooks): Promise<BenchSocket> {
    return openSocket(
      {
        url: `ws://127.0.0.1:${this.port}/ws/chat/${sessionId}`,
        protocols: ["parley.v1"],
        origin: this.origin,
        headers: { Cookie: agent.cookie, "CF-Connecting-IP": nextIp() },
        ...CHAT_FRAMES,
      },
      onMessage,
      hooks,
    );
  }

  /**
   * A dashboard socket (SPEC §7) of a signed-in agent, open once `connected` arrived; every frame
   * goes to `onFrame` as text.
   */
  dashboard(cookie: string, onFrame: (text: string) => void): Promise<BenchSocket> {
    return openSocket(
      {
        url: `ws://127.0.0.1:${this.port}/api/dashboard/ws`,
        origin: this.origin,
        headers: { Cookie: cookie, "CF-Connecting-IP": nextIp() },
        frame: (text) => text,
        messageId: () => null,
        ready: (text) => text.startsWith('{"type":"connected"'),
      },
      () => {},
      { onFrame },
    );
  }

  /** `POST /api/chat/:id/messages` as the visitor; resolves on 201. */
  async postMessage(visitor: Visitor, id: string): Promise<void> {
    const response = await fetch(`${this.origin}/api/chat/${visitor.session_id}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${visitor.visitor_token}`, Origin: this.origin },
      body: JSON.stringify({ content: `bench ${id}`, client_msg_id: id }),
    });
    if (response.status !== 201) throw new Error(`post message: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }

  /** A GET of the agent API with a session cookie; the parsed body. */
  async getJson<T>(path: string, cookie: string): Promise<T> {
    const response = await fetch(`${this.origin}${path}`, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  output(): string {
    return this.dev.output();
  }

  async stop(): Promise<void> {
    await stopProcess(this.dev.child);
    rmSync(this.persistTo, { recursive: true, force: true });
  }
}
