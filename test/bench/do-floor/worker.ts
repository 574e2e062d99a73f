import { DurableObject } from "cloudflare:workers";

interface FloorEnv {
  ROOM: DurableObjectNamespace<FloorRoom>;
}

/**
 * One broadcast room per name: hibernatable sockets, each frame passed as is to every other
 * socket of the room. What Parley's ChatSession does beyond this (auth, budget, log, reports) is
 * what the bench's ratios show.
 */
export class FloorRoom extends DurableObject<FloorEnv> {
  override async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    for (const other of this.ctx.getWebSockets()) {
      if (other === ws) continue;
      try {
        other.send(message);
      } catch {
        // Closing meanwhile: the floor drops the frame, as a real room would.
      }
    }
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    // 1005/1006/1015 cannot be sent back; answer every close so clients never see 1006.
    ws.close(code === 1005 || code === 1006 || code === 1015 ? 1000 : code, "bye");
  }
}

/**
 * `/room/:name` (socket) and `POST /init`, the Worker answering a small JSON body itself: the
 * least a session init can cost (Parley's reads and writes D1 and signs a token).
 */
export default {
  fetch(request: Request, env: FloorEnv): Promise<Response> | Response {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response("ok");
    if (url.pathname === "/init" && request.method === "POST") {
      return Response.json({ session_id: crypto.randomUUID() });
    }
    const room = /^\/room\/([\w-]{1,64})$/.exec(url.pathname)?.[1];
    if (!room) return new Response("not found", { status: 404 });
    return env.ROOM.get(env.ROOM.idFromName(room)).fetch(request);
  },
} satisfies ExportedHandler<FloorEnv>;
