import type { ClientFrame, ServerFrame, SocketErrorCode } from "@parley/protocol";
import { Backoff } from "../shared/backoff";
import { HttpError } from "../shared/http";
import type { ApiClient } from "./api-client";

const POLL_VISIBLE_MS = 3000;
/** A hidden tab polls slowly; nobody is watching, and the visitor's sends still go out at once. */
const POLL_HIDDEN_MS = 15_000;

const SOCKET_CODES: readonly SocketErrorCode[] = ["empty", "too_long", "invalid_text", "not_found", "forbidden", "rate_limited"];

export interface PollHandlers {
  onFrame(frame: ServerFrame): void;
  onUp(): void;
  onDown(): void;
}

/** The server refused for good; anything else (network, 5xx, lost token) is worth retrying. */
const isFinal = (error: unknown): error is HttpError => error instanceof HttpError && error.status < 500 && error.status !== 401;

/** A final refusal becomes the socket's `error` frame, so both transports fail the same way. */
function refusal(error: HttpError, clientMsgId?: string): ServerFrame {
  const code = SOCKET_CODES.find((known) => known === error.code) ?? "invalid_frame";
  return { type: "error", code, message: error.message, ...(clientMsgId ? { client_msg_id: clientMsgId } : {}) };
}

/**
 * The HTTP fallback for networks where WebSockets cannot connect: polls `/poll`, sends through
 * REST, and reports everything as the server frames a socket would have carried.
 */
export class PollLink {
  ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly backoff: Backoff;

  constructor(
    private readonly api: ApiClient,
    private readonly conversationId: string,
    private readonly afterSeq: () => number | null,
    private readonly handlers: PollHandlers,
    retryInterval: number,
  ) {
    this.backoff = new Backoff(retryInterval);
  }

  /**
   * Starts polling. `socketFailed`: the socket could not connect, reported once for this fallback
   * (the reports' connection success rate, SPEC §11) and never awaited: polling goes on whether
   * the report arrives or not.
   */
  start(socketFailed: boolean): void {
    if (socketFailed) this.api.connectionFailed(this.conversationId, { transport_fallback: "polling" }).catch(() => {});
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Sends one after another, so messages keep the order they were written in. */
  send(frame: ClientFrame): void {
    this.queue = this.queue.then(() => this.deliver(frame));
  }

  private async deliver(frame: ClientFrame): Promise<void> {
    const { api, conversationId: id, handlers } = this;
    try {
      switch (frame.type) {
        case "message": {
          const body = { content: frame.content, client_msg_id: frame.client_msg_id };
          handlers.onFrame({ type: "message", message: await api.postMessage(id, body) });
          break;
        }
        case "faq":
          handlers.onFrame({ type: "message", message: await api.clickFaq(id, { faq_id: frame.faq_id, client_msg_id: frame.client_msg_id }) });
          break;
        case "escalate":
          handlers.onFrame({ type: "escalated", escalation: await api.escalate(id, { reason: frame.reason ?? "" }) });
          break;
        case "read":
          await api.markRead(id, { seq: frame.seq });
          return;
        case "load_older": {
          const page = await api.history(id, { before: frame.before });
          handlers.onFrame({ type: "older", messages: page.messages, has_more: page.has_more });
          return;
        }
        case "typing":
          // HTTP has no typing indicator; it is a nicety of the socket.
          return;
      }
      // Bot answers and status changes follow a send: fetch them now rather than at the next tick.
      this.schedule(0);
    } catch (error) {
      if (!isFinal(error)) this.down();
      else if ("client_msg_id" in frame && frame.client_msg_id) handlers.onFrame(refusal(error, frame.client_msg_id));
      // As over the socket, an older page refused (reads have a budget too) names no message.
      else if (frame.type === "load_older") handlers.onFrame(refusal(error));
    }
  }

  private async tick(): Promise<void> {
    const afterSeq = this.afterSeq();
    try {
      const hello = await this.api.poll(this.conversationId, afterSeq);
      if (this.stopped) return;
      this.handlers.onFrame(hello);
      this.backoff.reset();
      if (!this.ready) {
        this.ready = true;
        this.handlers.onUp();
      }
      // A resume returns a bounded page; fetch the rest straight away.
      const behind = afterSeq !== null && hello.has_more;
      this.schedule(behind ? 0 : document.visibilityState === "visible" ? POLL_VISIBLE_MS : POLL_HIDDEN_MS);
    } catch {
      if (this.stopped) return;
      this.down();
      this.schedule(this.backoff.next());
    }
  }

  private down(): void {
    if (!this.ready) return;
    this.ready = false;
    this.handlers.onDown();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }
}
