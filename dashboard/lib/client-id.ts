import { randomId } from "@parley/browser/random-id";

/** A `client_msg_id` for one outgoing message; resending it never creates a second message. */
export function newClientMsgId(): string {
  return `dash-${randomId()}`;
}
