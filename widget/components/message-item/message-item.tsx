import type { Message } from "@parley/protocol";
import { formatTime } from "../../lib/format-time";
import { linkify } from "../../lib/linkify";
import { useWidget } from "../widget-context";
import { actionsOf, senderName, systemText } from "./message-text";

interface MessageItemProps {
  message: Message;
  /** First of a run by one author: carries the name. */
  startsRun: boolean;
  /** Last of a run: carries the time. */
  endsRun: boolean;
  /** The bot's "Talk to a human" stays only on its newest answer, and only while the bot answers. */
  showActions?: boolean;
  /** The visitor's newest message an agent has read. */
  seen?: boolean;
}

export function MessageItem({ message, startsRun, endsRun, showActions = false, seen = false }: MessageItemProps) {
  const { engine, t, locale } = useWidget();
  if (message.sender_type === "system") {
    return (
      <li class="sys" data-seq={message.seq}>
        <span class="text">{systemText(message, t)}</span>
      </li>
    );
  }
  const mine = message.sender_type === "user";
  const name = senderName(message, t);
  return (
    <li class={`msg ${mine ? "me" : "them"}${startsRun ? " first" : ""}`} data-seq={message.seq} data-sender={message.sender_type}>
      {!mine && startsRun && <p class="who" aria-hidden="true">{name}</p>}
      <p class="bubble">
        <span class="sr-only">{name}: </span>
        <span class="text" dir="auto">{linkify(message.content)}</span>
      </p>
      {(endsRun || seen) && (
        <p class="meta">
          <time dateTime={message.timestamp}>{formatTime(message.timestamp, locale)}</time>
          {seen && <span class="seen"> · {t("seen")}</span>}
        </p>
      )}
      {showActions &&
        actionsOf(message).map((action) => (
          <button key={action.type} type="button" class="action" onClick={() => engine.escalate()}>
            {t("talkToHuman")}
          </button>
        ))}
    </li>
  );
}
