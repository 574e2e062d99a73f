import type { MeResponse } from "@parley/protocol";
import { asSentence } from "../../lib/text";
import type { OpenConversation } from "../../state/conversation/open-conversation";
import { summarize } from "../../state/conversation/summary";
import { Icon } from "../icon/Icon";
import { HeldNote } from "./HeldNote";
import { ReplyBox } from "./ReplyBox";

/**
 * The reply box of a support conversation, saying what replying will do. In a colleague's
 * conversation it is read-only and says why, instead of sending what the server refuses.
 */
export function Composer({ conversation, me }: { conversation: OpenConversation; me: MeResponse }) {
  const { name, status, agent, target } = summarize(conversation);
  const holder = agent && agent.id !== me.agent.id ? agent : null;
  const refusal = conversation.replyRefusal.value;

  const note =
    conversation.link.value === "reconnecting"
      ? "Reconnecting to this conversation… Replies you send now go out as soon as it is back."
      : status === "closed"
      ? "This conversation is closed. Replying reopens it and assigns it to you."
      : !agent
        ? "Replying assigns this conversation to you."
        : null;

  return (
    <ReplyBox
      target={conversation}
      idBase="composer"
      label={`Reply to ${name}`}
      placeholder={`Reply to ${name}…`}
      readOnly={holder !== null}
      describedBy="composer-held"
    >
      {holder ? <HeldNote holder={holder} me={me} target={target} /> : note && <p class="composer__note">{note}</p>}
      {refusal && !holder && (
        <div class="composer__refusal" role="alert">
          <Icon name="alert" />
          <p>
            <strong>Your reply was not sent.</strong> {asSentence(refusal)}
          </p>
          <button type="button" class="button button--quiet icon-button" aria-label="Dismiss" onClick={() => (conversation.replyRefusal.value = null)}>
            <Icon name="x" />
          </button>
        </div>
      )}
    </ReplyBox>
  );
}
