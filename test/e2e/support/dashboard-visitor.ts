import { createHmac, randomUUID } from "node:crypto";
import type { HistoryResponse, Message, SessionInitResponse, VisitorContext } from "../../../src/protocol";
import { DEMO } from "../../../scripts/lib/demo-data";
import { apiJson } from "./api";
import type { DevServer } from "./dev-server";
import { WsClient } from "./ws-client";

export interface VisitorOptions {
  siteKey?: string;
  browserId?: string;
  context?: VisitorContext;
  userAgent?: string;
}

/**
 * A website visitor driven from Node over the public widget API (SPEC §4–§6): session init,
 * REST messages and escalation, and the conversation socket for real-time frames.
 */
export class TestVisitor {
  private socket: WsClient | null = null;

  private constructor(
    private readonly server: DevServer,
    readonly siteKey: string,
    readonly browserId: string,
    readonly session: SessionInitResponse,
  ) {}

  static async start(server: DevServer, options: VisitorOptions = {}): Promise<TestVisitor> {
    const siteKey = options.siteKey ?? "demo";
    const browserId = options.browserId ?? `e2e-${randomUUID()}`;
    const session = await apiJson<SessionInitResponse>(server, `/api/widget/${siteKey}/session`, {
      body: { browser_session_id: browserId, context: options.context },
      headers: options.userAgent ? { "User-Agent": options.userAgent } : {},
    });
    return new TestVisitor(server, siteKey, browserId, session);
  }

  get sessionId(): string {
    return this.session.session_id;
  }

  get visitorId(): string {
    return this.session.visitor_id;
  }

  /** The same browser coming back: a new session once the previous one was closed. */
  returnLater(options: Omit<VisitorOptions, "browserId" | "siteKey"> = {}): Promise<TestVisitor> {
    return TestVisitor.start(this.server, { ...options, siteKey: this.siteKey, browserId: this.browserId });
  }

  /** Links the visitor to a user of the demo site, with the HMAC the embedder's backend computes. */
  async identify(user: { id: string; name: string; email: string }): Promise<void> {
    const userHash = createHmac("sha256", DEMO.identitySecret).update(user.id).digest("hex");
    await this.post(`/api/widget/${this.siteKey}/identify`, { user_id: user.id, user_hash: userHash, name: user.name, email: user.email });
  }

  async say(content: string): Promise<Message> {
    return (await this.post(`/api/chat/${this.sessionId}/messages`, { content })) as Message;
  }

  async escalate(reason: string): Promise<void> {
    await this.post(`/api/chat/${this.sessionId}/escalate`, { reason });
  }

  /** Opens (once) the visitor's conversation socket, as the widget does when the panel opens. */
  async connect(): Promise<WsClient> {
    this.socket ??= await WsClient.connect(this.server, this.sessionId, this.session.visitor_token);
    return this.socket;
  }

  /** What the server stored, oldest first. */
  async history(): Promise<Message[]> {
    const page = await apiJson<HistoryResponse>(this.server, `/api/chat/${this.sessionId}/history?limit=200`, { token: this.session.visitor_token });
    return page.messages;
  }

  close(): void {
    this.socket?.end();
    this.socket = null;
  }

  private post(path: string, body: object): Promise<unknown> {
    return apiJson(this.server, path, { body, token: this.session.visitor_token });
  }
}

/** A text the demo FAQ bot answers, and one that asks for a person in words (it escalates at once). */
export const BOT_ANSWERS = "How long does shipping take to Canada?";
export const NEEDS_HUMAN = "My invoice shows the wrong billing address, can I talk to a person?";
