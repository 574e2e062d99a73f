import { DurableObject } from "cloudflare:workers";
import { logEvent, withOwnId, withRequestId } from "../lib/log";
import { PING, PONG } from "../protocol/limits";
import { AlarmPlan } from "./alarm-plan";
import { answerClose } from "./sockets";
import { RPC_METHODS } from "./stubs";

/**
 * The hibernation plumbing both objects share (after partyserver's base): the keep-alive answered
 * by the runtime without waking the object, every frame handled inside one guard so a bad one
 * cannot break the object, every close answered so clients never see 1006, and the one alarm.
 * Subclasses say what a frame does, what a failed one is told, what a socket leaving means, and
 * what the alarm does.
 */
export abstract class HibernatingObject extends DurableObject<Env> {
  protected readonly alarms: AlarmPlan;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.alarms = new AlarmPlan(ctx.storage);
  }

  /**
   * The RPC entry of a caller that works for a request (`stubs.ts`): runs one of the object's RPC
   * methods with that request's id, so its log lines and the RPCs it makes in turn carry it.
   */
  async traced(requestId: string, method: string, args: unknown[]): Promise<unknown> {
    const run: unknown = Reflect.get(this, method);
    if (!RPC_METHODS.has(method) || typeof run !== "function") throw new Error(`${method} is not an RPC method`);
    return withRequestId(requestId, () => run.apply(this, args));
  }

  /** The alarm went off; plan the next one with `this.alarms`. */
  protected abstract onAlarm(): Promise<void>;

  /** Handles one frame; throws only for the unexpected, which `frameFailed` then answers. */
  protected abstract onFrame(ws: WebSocket, data: string | ArrayBuffer): Promise<void>;

  /** Tells the socket its frame could not be handled, in the object's own protocol. */
  protected abstract frameFailed(ws: WebSocket): void;

  /** A socket closed or failed; it is no longer among the open ones. */
  protected abstract onLeave(ws: WebSocket): Promise<void> | void;

  // A frame (a close too) and an alarm are each traced like a request: their log lines and RPCs share an id.
  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    await withOwnId("frame", async () => {
      try {
        await this.onFrame(ws, data);
      } catch (error) {
        logEvent("error", { where: `${this.constructor.name}.webSocketMessage`, error: String(error) });
        this.frameFailed(ws);
      }
    });
  }

  override async alarm(): Promise<void> {
    this.alarms.fired();
    await withOwnId("alarm", () => this.onAlarm());
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    answerClose(ws, code, reason);
    await withOwnId("frame", () => this.onLeave(ws));
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    await withOwnId("frame", async () => {
      logEvent("socket_error", { where: this.constructor.name, error: String(error) });
      await this.onLeave(ws);
    });
  }
}
