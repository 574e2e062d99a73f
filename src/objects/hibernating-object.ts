import { DurableObject } from "cloudflare:workers";
import { logEvent } from "../lib/log";
import { PING, PONG } from "../protocol/limits";
import { answerClose } from "./sockets";

/**
 * The hibernation plumbing both objects share (after partyserver's base): the keep-alive answered
 * by the runtime without waking the object, every frame handled inside one guard so a bad one
 * cannot break the object, and every close answered so clients never see 1006. Subclasses say
 * what a frame does, what a failed one is told, and what a socket leaving means.
 */
export abstract class HibernatingObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** Handles one frame; throws only for the unexpected, which `frameFailed` then answers. */
  protected abstract onFrame(ws: WebSocket, data: string | ArrayBuffer): Promise<void>;

  /** Tells the socket its frame could not be handled, in the object's own protocol. */
  protected abstract frameFailed(ws: WebSocket): void;

  /** A socket closed or failed; it is no longer among the open ones. */
  protected abstract onLeave(ws: WebSocket): Promise<void> | void;

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    try {
      await this.onFrame(ws, data);
    } catch (error) {
      logEvent("error", { where: `${this.constructor.name}.webSocketMessage`, error: String(error) });
      this.frameFailed(ws);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    answerClose(ws, code, reason);
    await this.onLeave(ws);
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    logEvent("socket_error", { where: this.constructor.name, error: String(error) });
    await this.onLeave(ws);
  }
}
