import type { Escalation, Message } from "../../protocol";
import type { StateRequest } from "../contracts";

/**
 * What one inbound action produced: its messages, an escalation, a state change to ask for.
 * A turn that changes the state is reported at once; its messages alone wait for a coalesced
 * report (SPEC §2).
 */
export class Turn {
  private ownId: string | undefined;
  readonly messages: Message[] = [];
  escalation: Escalation | null = null;
  request: StateRequest | null = null;
  /** The request is expected to change the state, so the lobby must decide it now. */
  changesState = false;

  constructor(readonly at: number) {}

  /** Made on first use: only a turn reported to the lobby at once needs one. */
  get id(): string {
    this.ownId ??= crypto.randomUUID();
    return this.ownId;
  }

  get visitorWrote(): boolean {
    return this.messages.some((message) => message.sender_type === "user");
  }

  get agentReplied(): boolean {
    return this.messages.some((message) => message.sender_type === "agent");
  }
}
