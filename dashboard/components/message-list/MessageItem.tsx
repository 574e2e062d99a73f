import type { Message } from "@parley/protocol";
import { SYSTEM_EVENTS } from "@parley/protocol/system-events";
import { clockTime, fullDateTime } from "../../lib/time";
import type { MessageRoom } from "../../state/conversation/message-room";
import type { PendingReply } from "../../state/conversation/outbox";
import { Avatar } from "../avatar/Avatar";
import { Icon } from "../icon/Icon";
import { MessageText } from "./MessageText";

/** A system note (joined, left, closed, reopened, escalated, a group's changes), centred and quiet. */
function SystemNote({ message }: { message: Message }) {
  const reason = message.metadata?.["event"] === SYSTEM_EVENTS.escalated ? message.metadata["reason"] : null;
  return (
    <li class="message message--system">
      <span class="message__note">
        {message.content}
        {typeof reason === "string" && reason && <span class="message__reason"> · {reason}</span>}
        <time dateTime={message.timestamp} title={fullDateTime(message.timestamp)}>
          {clockTime(message.timestamp)}
        </time>
      </span>
    </li>
  );
}

function offeredActions(message: Message): string[] {
  const actions = message.metadata?.["actions"];
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((action) =>
    action && typeof action === "object" && "label" in action && typeof action.label === "string" ? [action.label] : [],
  );
}

/**
 * A visitor, bot or agent message. In support the team's messages sit on the right; in a team
 * chat (`team`) only the reader's own do, and colleagues show with their agent avatars.
 */
export function MessageItem(props: { message: Message; meId: string; team: boolean; groupStart: boolean; receipt: string | null }) {
  const { message, meId, groupStart } = props;
  if (message.sender_type === "system") return <SystemNote message={message} />;
  const mine = message.sender_type === "agent" && message.sender_id === meId;
  const side = (props.team ? mine : message.sender_type === "agent") ? "out" : "in";
  const avatarKind = message.sender_type === "bot" ? "bot" : message.sender_type === "agent" ? "agent" : "visitor";
  const offers = message.sender_type === "bot" ? offeredActions(message) : [];
  const classes = ["message", `message--${side}`, `message--${message.sender_type}`, mine ? "message--mine" : "", groupStart ? "message--first" : ""];
  return (
    <li class={classes.filter(Boolean).join(" ")}>
      {side === "in" && (
        <span class="message__avatar">
          {groupStart && <Avatar id={message.sender_id} name={message.sender_name} size="sm" kind={avatarKind} />}
        </span>
      )}
      <div class="message__stack">
        {groupStart && (
          <p class="message__meta">
            <span class="message__sender">{mine ? "You" : message.sender_name}</span>
            {message.sender_type === "bot" && <span class="message__tag">Bot</span>}
            <time dateTime={message.timestamp} title={fullDateTime(message.timestamp)}>
              {clockTime(message.timestamp)}
            </time>
          </p>
        )}
        <div class="message__bubble" title={groupStart ? undefined : fullDateTime(message.timestamp)}>
          <MessageText text={message.content} />
          {offers.length > 0 && (
            <p class="message__offers">
              {offers.map((offer) => (
                <span key={offer} class="message__offer">
                  {offer}
                </span>
              ))}
            </p>
          )}
        </div>
        {props.receipt && (
          <p class="message__receipt">
            <Icon name="checks" size={14} /> {props.receipt}
          </p>
        )}
      </div>
    </li>
  );
}

/** A reply on its way ("Sending…") or refused ("Not sent", why, and what to do). */
export function PendingItem({ reply, groupStart, conversation }: { reply: PendingReply; groupStart: boolean; conversation: MessageRoom }) {
  const failed = reply.state === "failed";
  return (
    <li class={`message message--out message--mine message--pending${failed ? " message--failed" : ""}${groupStart ? " message--first" : ""}`}>
      <div class="message__stack">
        {groupStart && (
          <p class="message__meta">
            <span class="message__sender">You</span>
          </p>
        )}
        <div class="message__bubble">
          <MessageText text={reply.content} />
        </div>
        {failed ? (
          <p class="message__receipt message__receipt--failed">
            <Icon name="alert" size={14} />
            <span>Not sent: {reply.error}</span>
            <button type="button" class="message__link-button" onClick={() => conversation.retry(reply.clientMsgId)}>
              Retry
            </button>
            <button type="button" class="message__link-button" onClick={() => conversation.discard(reply.clientMsgId)}>
              Discard
            </button>
          </p>
        ) : (
          <p class="message__receipt">Sending…</p>
        )}
      </div>
    </li>
  );
}
