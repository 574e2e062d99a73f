import { DurableObject } from "cloudflare:workers";

interface FloorEnv {
  ROOM: DurableObjectNamespace<FloorRoom>;
  LOG_ROOM: DurableObjectNamespace<LogFloorRoom>;
  BOT_LOG_ROOM: DurableObjectNamespace<BotLogFloorRoom>;
}

/**
 * One broadcast room per name: hibernatable sockets, each frame passed as is to every socket of
 * the room, the sender's too, as Cloudflare's chat demo does and as Parley must (its sender
 * learns the message's seq from its copy). What Parley's ChatSession does beyond this (auth,
 * budget, log, reports) is what the bench's ratios show.
 */
export class FloorRoom extends DurableObject<FloorEnv> {
  override async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override webSocketMessage(_ws: WebSocket, message: string | ArrayBuffer): void {
    this.passOn(message);
  }

  /** Sends `message` to every socket of the room. */
  protected passOn(message: string | ArrayBuffer): void {
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(message);
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
 * The floor of a chat that keeps its messages (`do-log-floor`): before passing a frame on, the
 * room stores it in its SQLite, one row (SPEC §2: durable once stored, delivered from there).
 * What a message between a visitor and an agent costs at the least here.
 */
export class LogFloorRoom extends FloorRoom {
  constructor(ctx: DurableObjectState, env: FloorEnv) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }

  protected store(message: string | ArrayBuffer): string {
    const body = typeof message === "string" ? message : new TextDecoder().decode(message);
    this.ctx.storage.sql.exec("INSERT INTO log (body) VALUES (?)", body);
    return body;
  }

  override webSocketMessage(_ws: WebSocket, message: string | ArrayBuffer): void {
    this.store(message);
    this.passOn(message);
  }
}

/**
 * The same floor for a conversation the bot answers: each message and a reply are two rows of
 * the log before either is delivered, and both go to every socket. What a bot
 * conversation of Parley's costs at the least.
 */
export class BotLogFloorRoom extends LogFloorRoom {
  override webSocketMessage(_ws: WebSocket, message: string | ArrayBuffer): void {
    const body = this.store(message);
    const reply = JSON.stringify({ type: "reply", to_length: body.length });
    this.store(reply);
    this.passOn(message);
    this.passOn(reply);
  }
}

/**
 * `/room/:name`, `/log-room/:name` and `/bot-log-room/:name` (sockets) and `POST /init`, the
 * Worker answering a small JSON body itself: the least a session init can cost (Parley's reads
 * and writes D1 and signs a token).
 */
export default {
  fetch(request: Request, env: FloorEnv): Promise<Response> | Response {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response("ok");
    if (url.pathname === "/init" && request.method === "POST") {
      return Response.json({ session_id: crypto.randomUUID() });
    }
    const [, kind, room] = /^\/(room|log-room|bot-log-room)\/([\w-]{1,64})$/.exec(url.pathname) ?? [];
    if (!room) return new Response("not found", { status: 404 });
    const rooms = kind === "bot-log-room" ? env.BOT_LOG_ROOM : kind === "log-room" ? env.LOG_ROOM : env.ROOM;
    return rooms.get(rooms.idFromName(room)).fetch(request);
  },
} satisfies ExportedHandler<FloorEnv>;
