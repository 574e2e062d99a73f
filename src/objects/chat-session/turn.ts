import type { Escalation, Message } from "../../protocol";
import type { StateRequest } from "../contracts";

/**
 * What one inbound action produced: its messages, an escalation, a state change to ask for.
 * A turn is committed once, which is what keeps a message at one lobby call and one D1 write.
 */
export class Turn {
  readonly id = crypto.randomUUID();
  readonly messages: Message[] = [];
  escalation: Escalation | null = null;
  request: StateRequest | null = null;

  constructor(readonly at: number) {}

  get visitorWrote(): boolean {
    return this.messages.some((message) => message.sender_type === "user");
  }

  get agentReplied(): boolean {
    return this.messages.some((message) => message.sender_type === "agent");
  }
}
