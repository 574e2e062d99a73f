import { signal } from "@preact/signals";
import type { ClientFrame } from "@parley/protocol";
import { newClientMsgId } from "../../lib/client-id";

/** A reply the server has not echoed yet ("sending…"), or refused ("not sent", with why). */
export interface PendingReply {
  clientMsgId: string;
  content: string;
  state: "sending" | "failed";
  error: string | null;
  createdAt: string;
}

/**
 * Replies between the composer and the server's echo (SPEC §4.3). Only echoed messages join
 * the conversation; resending keeps the same `client_msg_id`, so a retry never duplicates.
 */
export class Outbox {
  readonly pending = signal<PendingReply[]>([]);

  constructor(private readonly transmit: (frame: ClientFrame) => boolean) {}

  add(content: string): void {
    const reply: PendingReply = {
      clientMsgId: newClientMsgId(),
      content,
      state: "sending",
      error: null,
      createdAt: new Date().toISOString(),
    };
    this.pending.value = [...this.pending.value, reply];
    this.send(reply);
  }

  /** After a (re)connect: whatever was still sending goes again; the server drops repeats. */
  resendAll(): void {
    for (const reply of this.pending.value) if (reply.state === "sending") this.send(reply);
  }

  retry(clientMsgId: string): void {
    const reply = this.pending.value.find((item) => item.clientMsgId === clientMsgId);
    if (!reply) return;
    this.update(clientMsgId, { state: "sending", error: null });
    this.send(reply);
  }

  discard(clientMsgId: string): void {
    this.pending.value = this.pending.value.filter((item) => item.clientMsgId !== clientMsgId);
  }

  /** The server stored it: the echo replaces the pending copy. */
  confirm(clientMsgId: string): void {
    this.discard(clientMsgId);
  }

  fail(clientMsgId: string, error: string): void {
    this.update(clientMsgId, { state: "failed", error });
  }

  private send(reply: PendingReply): void {
    // A closed socket keeps the reply as "sending"; `resendAll` delivers it after the reconnect.
    this.transmit({ type: "message", client_msg_id: reply.clientMsgId, content: reply.content });
  }

  private update(clientMsgId: string, change: Partial<PendingReply>): void {
    this.pending.value = this.pending.value.map((item) => (item.clientMsgId === clientMsgId ? { ...item, ...change } : item));
  }
}
