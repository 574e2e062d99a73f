import { useSignal } from "@preact/signals";
import type { MeResponse } from "@parley/protocol";
import { useEffect, useRef } from "preact/hooks";
import { asSentence } from "../../lib/text";
import type { OpenConversation } from "../../state/conversation/open-conversation";
import { summarize } from "../../state/conversation/summary";
import { Icon } from "../icon/Icon";
import "./composer.css";

/** Tallest the composer grows before it scrolls, in pixels. */
const MAX_HEIGHT_PX = 180;

/** The reply box: Enter sends, Shift+Enter adds a line; says what replying will do. */
export function Composer({ conversation, me }: { conversation: OpenConversation; me: MeResponse }) {
  const text = useSignal("");
  const field = useRef<HTMLTextAreaElement>(null);
  const { name, status, agent } = summarize(conversation);
  const holder = agent && agent.id !== me.agent.id ? agent : null;
  const refusal = conversation.replyRefusal.value;

  useEffect(() => {
    field.current?.focus();
  }, [conversation]);

  const fit = () => {
    const element = field.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  };

  const send = () => {
    if (!text.value.trim()) return;
    conversation.reply(text.value);
    text.value = "";
    requestAnimationFrame(fit);
  };

  const note =
    conversation.link.value === "reconnecting"
      ? "Reconnecting to this conversation… Replies you send now go out as soon as it is back."
      : status === "closed"
      ? "This conversation is closed. Replying reopens it and assigns it to you."
      : holder
        ? `${holder.name} is handling this conversation. Replies are refused while it is assigned to them.`
        : !agent
          ? "Replying assigns this conversation to you."
          : null;

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {refusal && (
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
      {note && (
        <p class={`composer__note${holder ? " composer__note--held" : ""}`} role={holder ? "status" : undefined}>
          {note}
        </p>
      )}
      <div class="composer__box">
        <label class="visually-hidden" for="composer-input">
          Reply to {name}
        </label>
        <textarea
          id="composer-input"
          ref={field}
          rows={2}
          placeholder={`Reply to ${name}…`}
          value={text.value}
          onInput={(event) => {
            text.value = event.currentTarget.value;
            conversation.composerInput(text.value.trim() !== "");
            fit();
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send();
            }
          }}
          onBlur={() => conversation.composerLeft()}
          aria-describedby="composer-hint"
        />
        <div class="composer__bar">
          <span class="composer__hint" id="composer-hint">
            <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
          </span>
          <button type="submit" class="button button--primary" disabled={!text.value.trim()}>
            <Icon name="send" />
            Send
          </button>
        </div>
      </div>
    </form>
  );
}
