import type { ReadonlySignal } from "@preact/signals";
import type { Message } from "@parley/protocol";
import type { TextCheck } from "@parley/protocol/text";
import type { PendingReply } from "./outbox";

/** "Seen" (or "Seen by Ada and Bo") under the message with this seq. */
export interface Receipt {
  seq: number;
  label: string;
}

/**
 * What the message list shows of a room, a support conversation or a team chat alike. `kind`
 * decides the sides: in support every agent's message sits on the right (the team answers the
 * visitor together); in a team chat only the reader's own do.
 */
export interface MessageRoom {
  readonly kind: "support" | "team";
  readonly messages: ReadonlySignal<Message[]>;
  readonly pending: ReadonlySignal<PendingReply[]>;
  readonly hasMore: ReadonlySignal<boolean>;
  readonly loadingOlder: ReadonlySignal<boolean>;
  /** True once the room's first `hello` arrived. */
  readonly ready: ReadonlySignal<boolean>;
  readonly typingName: ReadonlySignal<string | null>;
  readonly receipt: ReadonlySignal<Receipt | null>;
  loadOlder(): void;
  retry(clientMsgId: string): void;
  discard(clientMsgId: string): void;
}

/** What a reply box needs of its room: the server's verdict on a text, sending it, and typing. */
export interface ReplyTarget {
  check(text: string): TextCheck;
  /** Sends what the server would accept; false (nothing sent) for anything it would refuse. */
  reply(text: string): boolean;
  composerInput(hasText: boolean): void;
  composerLeft(): void;
}
