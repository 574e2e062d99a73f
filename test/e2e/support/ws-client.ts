import WebSocket from "ws";
import { ServerFrameSchema, type ServerFrame, type ServerFrameOf, type SessionInitResponse } from "../../../src/protocol";
import { FrameInbox } from "../../shared/frame-inbox";
import { apiJson, whenOpen } from "./api";
import type { DevServer } from "./dev-server";

/** A plain Node WebSocket client speaking SPEC §6, as any third-party client would. */
export class WsClient extends FrameInbox<ServerFrame> {
  private constructor(private readonly ws: WebSocket) {
    super(ServerFrameSchema);
    ws.on("message", (data) => this.receive(data.toString()));
    ws.on("close", (code, reason) => this.close(code, reason.toString()));
  }

  static async connect(server: DevServer, sessionId: string, token: string, afterSeq?: number): Promise<WsClient> {
    const query = afterSeq === undefined ? "" : `?after_seq=${afterSeq}`;
    const ws = new WebSocket(`${server.wsOrigin}/ws/chat/${sessionId}${query}`, ["parley.v1", `bearer.${token}`], {
      origin: server.origin,
    });
    const client = new WsClient(ws);
    await whenOpen(ws);
    if (ws.protocol !== "parley.v1") throw new Error(`server chose subprotocol "${ws.protocol}"`);
    await client.next("hello");
    return client;
  }

  get hello(): ServerFrameOf<"hello"> {
    return this.of("hello")[0]!;
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /**
   * Waits until the server has handled what this socket sent before: it answers a `load_older`
   * in turn, after the frames that came first (the keep-alive "ping" is answered by the runtime,
   * out of turn, so it cannot serve). Covers what those frames did before waiting on D1 or the
   * lobby, since the object takes the next frame while one waits.
   */
  async settle(): Promise<void> {
    const pending = this.nextNew("older");
    this.send({ type: "load_older", before: 1 });
    await pending;
  }

  end(): void {
    this.ws.close(1000, "done");
  }
}

export function initSession(server: DevServer, browserSessionId: string): Promise<SessionInitResponse> {
  return apiJson<SessionInitResponse>(server, "/api/widget/demo/session", { body: { browser_session_id: browserSessionId } });
}
