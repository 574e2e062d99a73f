import WebSocket from "ws";
import type { ServerFrame, ServerFrameOf, SessionInitResponse } from "../../../src/protocol";
import { FrameInbox } from "../../shared/frame-inbox";
import type { DevServer } from "./dev-server";

/** A plain Node WebSocket client speaking SPEC §6, as any third-party client would. */
export class WsClient extends FrameInbox<ServerFrame> {
  private constructor(private readonly ws: WebSocket) {
    super();
    ws.on("message", (data) => {
      const text = data.toString();
      if (text !== "pong") this.push(JSON.parse(text) as ServerFrame);
    });
    ws.on("close", (code, reason) => this.close(code, reason.toString()));
  }

  static async connect(server: DevServer, sessionId: string, token: string, afterSeq?: number): Promise<WsClient> {
    const query = afterSeq === undefined ? "" : `?after_seq=${afterSeq}`;
    const ws = new WebSocket(`${server.wsOrigin}/ws/chat/${sessionId}${query}`, ["parley.v1", `bearer.${token}`], {
      origin: server.origin,
    });
    const client = new WsClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
      ws.once("unexpected-response", (_, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    });
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

  end(): void {
    this.ws.close(1000, "done");
  }
}

export async function initSession(server: DevServer, browserSessionId: string): Promise<SessionInitResponse> {
  const response = await fetch(`${server.origin}/api/widget/demo/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.origin },
    body: JSON.stringify({ browser_session_id: browserSessionId }),
  });
  if (!response.ok) throw new Error(`session init failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as SessionInitResponse;
}
