import { DurableObject } from "cloudflare:workers";
import type { ClientFrame } from "../../../src/protocol";

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

/** The client frame every target is sent (`floor-frames.ts`): a chat message and its id (SPEC §6). */
type ClientMessage = Extract<ClientFrame, { type: "message" }>;

/**
 * The floor of a chat that keeps its messages and speaks Parley's wire format (`do-log-floor`):
 * each frame becomes a message as SPEC §3 shapes it (a random id, the next seq, the sender, the
 * time), stored in the room's SQLite as one row whose `client_msg_id` a unique index guards
 * (SPEC §3: resending it never makes a second message), then passed on as a `message` frame to
 * every socket, the sender's too (SPEC §2: durable once stored, delivered from there). No
 * identity, budget, validation, state or reports: what those cost Parley is its ratio to this.
 * One sender stands for every socket (the bench's visitor writes; the agent reads).
 */
export class LogFloorRoom extends FloorRoom {
  /** Made per instance: only its size matters to the frames, as a conversation's id would. */
  private readonly conversationId = crypto.randomUUID();
  private readonly senderId = crypto.randomUUID();
  /** The highest seq stored: read once per instance, then kept with every insert (the only writer). */
  private lastSeq: number;

  constructor(ctx: DurableObjectState, env: FloorEnv) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL, sender_id TEXT NOT NULL, sender_type TEXT NOT NULL,
        sender_name TEXT NOT NULL, content TEXT NOT NULL, created_at INTEGER NOT NULL, client_msg_id TEXT
      );
      CREATE UNIQUE INDEX IF NOT EXISTS messages_client_id ON messages (sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL`);
    this.lastSeq = ctx.storage.sql.exec<{ last: number }>("SELECT coalesce(max(seq), 0) AS last FROM messages").one().last;
  }

  /** Stores one message and returns its frame, or null for a repeated `client_msg_id`. */
  protected store(sender: { id: string; type: string; name: string }, content: string, clientMsgId?: string): string | null {
    const at = Date.now();
    const message = {
      id: crypto.randomUUID(),
      seq: this.lastSeq + 1,
      conversation_id: this.conversationId,
      sender_id: sender.id,
      sender_type: sender.type,
      sender_name: sender.name,
      content,
      timestamp: new Date(at).toISOString(),
      ...(clientMsgId === undefined ? {} : { client_msg_id: clientMsgId }),
    };
    const { rowsWritten } = this.ctx.storage.sql.exec(
      `INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL DO NOTHING`,
      message.seq,
      message.id,
      message.sender_id,
      message.sender_type,
      message.sender_name,
      content,
      at,
      clientMsgId ?? null,
    );
    if (rowsWritten === 0) return null;
    this.lastSeq = message.seq;
    return JSON.stringify({ type: "message", message });
  }

  /** The visitor's message from a client frame, stored; null for a repeat. */
  protected storeVisitorMessage(data: string | ArrayBuffer): string | null {
    const frame = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data)) as ClientMessage;
    return this.store({ id: this.senderId, type: "user", name: "Visitor" }, frame.content, frame.client_msg_id);
  }

  override webSocketMessage(_ws: WebSocket, data: string | ArrayBuffer): void {
    const message = this.storeVisitorMessage(data);
    if (message) this.passOn(message);
  }
}

/**
 * The same floor for a conversation the bot answers: each message and a reply are two rows of
 * the log before either is delivered, and both go to every socket. What a bot
 * conversation of Parley's costs at the least.
 */
export class BotLogFloorRoom extends LogFloorRoom {
  override webSocketMessage(_ws: WebSocket, data: string | ArrayBuffer): void {
    const message = this.storeVisitorMessage(data);
    if (!message) return;
    const reply = this.store(BOT, "Here is what I found about that. Would you like to talk to a person?");
    this.passOn(message);
    if (reply) this.passOn(reply);
  }
}

const BOT = { id: "bot", type: "bot", name: "Parley bot" } as const;

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
