import { useLayoutEffect, useRef } from "preact/hooks";
import { minuteNow } from "../../state/clock";
import type { MessageRoom } from "../../state/conversation/message-room";
import { MessageItem, PendingItem } from "./MessageItem";
import { buildTimeline } from "./timeline";
import "./message-list.css";

/** Within this distance of the bottom the list follows new messages; further up, the agent is reading back. */
const FOLLOW_THRESHOLD_PX = 120;

/** A room's messages as a live log, following new ones unless the agent scrolled up. */
export function MessageList({ conversation, meId }: { conversation: MessageRoom; meId: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  /** Distance from the bottom to hold while older messages load above. */
  const anchor = useRef<number | null>(null);
  const messages = conversation.messages.value;
  const pending = conversation.pending.value;
  const typingName = conversation.typingName.value;
  const items = buildTimeline(messages, pending, meId, conversation.receipt.value, minuteNow.value);

  // Whatever makes the content taller (a message, "Seen", typing, a late font) keeps the bottom in view.
  useLayoutEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner) return;
    const observer = new ResizeObserver(() => {
      if (anchor.current !== null) {
        element.scrollTop = element.scrollHeight - anchor.current;
        if (!conversation.loadingOlder.peek()) anchor.current = null;
      } else if (following.current) {
        element.scrollTop = element.scrollHeight;
      }
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, [conversation]);

  // The agent's own reply always brings the conversation back to the bottom.
  useLayoutEffect(() => {
    if (pending.length > 0) following.current = true;
  }, [pending.length]);

  const onScroll = () => {
    const element = scroller.current;
    if (element) following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_THRESHOLD_PX;
  };

  const loadOlder = () => {
    const element = scroller.current;
    if (element) anchor.current = element.scrollHeight - element.scrollTop;
    conversation.loadOlder();
  };

  return (
    // Focusable, so keyboard users can scroll a history that has no link or button to land on.
    <div class="message-list" ref={scroller} onScroll={onScroll} tabIndex={0} role="region" aria-label="Message history">
      <div ref={content}>
        {conversation.hasMore.value && (
          <div class="message-list__older">
            <button type="button" class="button" onClick={loadOlder} disabled={conversation.loadingOlder.value}>
              {conversation.loadingOlder.value ? "Loading…" : "Load earlier messages"}
            </button>
          </div>
        )}
        {!conversation.ready.value && messages.length === 0 && (
          <p class="message-list__status" role="status">
            Loading the conversation…
          </p>
        )}
        <div role="log" aria-label="Messages" aria-live="polite" aria-relevant="additions">
          <ol class="message-list__items">
            {items.map((item) =>
              item.kind === "day" ? (
                <li key={item.key} class="message-list__day">
                  <span>{item.label}</span>
                </li>
              ) : item.kind === "message" ? (
                <MessageItem
                  key={item.key}
                  message={item.message}
                  meId={meId}
                  team={conversation.kind === "team"}
                  groupStart={item.groupStart}
                  receipt={item.receipt}
                />
              ) : (
                <PendingItem key={item.key} reply={item.reply} groupStart={item.groupStart} conversation={conversation} />
              ),
            )}
          </ol>
        </div>
        {typingName && (
          <p class="message-list__typing" role="status">
            <span class="typing-dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {typingName} is typing…
          </p>
        )}
      </div>
    </div>
  );
}
