import { useSignal } from "@preact/signals";
import type { MeResponse } from "@parley/protocol";
import { clipField } from "@parley/browser/clip-field";
import { useEffect, useRef } from "preact/hooks";
import { asSentence } from "../../lib/text";
import type { OpenConversation } from "../../state/conversation/open-conversation";
import { summarize } from "../../state/conversation/summary";
import { serverLimits } from "../../state/server-limits";
import { Icon } from "../icon/Icon";
import { HeldNote } from "./HeldNote";
import "./composer.css";

/** Tallest the composer grows before it scrolls, in pixels. */
const MAX_HEIGHT_PX = 180;
/** Show how many characters are left once fewer than this remain. */
const COUNT_FROM = 100;

/**
 * The reply box: Enter sends, Shift+Enter adds a line; says what replying will do. It counts and
 * clips in code points, as the server does, and offers to send only what the server would accept.
 * In a colleague's conversation it is read-only and says why, instead of sending what the server refuses.
 */
export function Composer({ conversation, me }: { conversation: OpenConversation; me: MeResponse }) {
  const text = useSignal("");
  const field = useRef<HTMLTextAreaElement>(null);
  const { name, status, agent, target } = summarize(conversation);
  const holder = agent && agent.id !== me.agent.id ? agent : null;
  const writable = holder === null;
  const refusal = conversation.replyRefusal.value;
  const max = serverLimits.value.max_message_length;
  const check = conversation.check(text.value);
  const left = max - check.length;
  const broken = !check.ok && check.problem === "invalid_text";
  const counting = left < COUNT_FROM;
  const described = [writable ? "composer-hint" : "composer-held", broken && "composer-problem", counting && "composer-count"].filter(Boolean).join(" ");

  useEffect(() => {
    field.current?.focus();
  }, [conversation]);

  // Taking over from the composer removes the button that had focus: the agent goes on in the reply box.
  useEffect(() => {
    if (writable && document.activeElement === document.body) field.current?.focus();
  }, [writable]);

  const fit = () => {
    const element = field.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  };

  const send = () => {
    if (holder || !conversation.reply(text.value)) return;
    text.value = "";
    requestAnimationFrame(fit);
  };

  const note =
    conversation.link.value === "reconnecting"
      ? "Reconnecting to this conversation… Replies you send now go out as soon as it is back."
      : status === "closed"
      ? "This conversation is closed. Replying reopens it and assigns it to you."
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
      {holder ? (
        <HeldNote holder={holder} me={me} target={target} />
      ) : (
        note && <p class="composer__note">{note}</p>
      )}
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
      <div class="composer__box">
        <label class="visually-hidden" for="composer-input">
          Reply to {name}
        </label>
        <textarea
          id="composer-input"
          ref={field}
          rows={2}
          placeholder={holder ? "Read only" : `Reply to ${name}…`}
          readOnly={!writable}
          value={text.value}
          onInput={(event) => {
            text.value = clipField(event.currentTarget, text.value, max);
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
          aria-describedby={described}
          aria-invalid={broken || undefined}
        />
        {broken && (
          <p class="composer__problem" id="composer-problem" role="alert">
            <Icon name="alert" size={14} />
            This reply has a broken character (half an emoji?). Remove it to send.
          </p>
        )}
        <div class="composer__bar">
          <span class="composer__hint" id="composer-hint">
            {writable && (
              <>
                <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
              </>
            )}
          </span>
          {counting && (
            <span class={`composer__count${left <= 0 ? " composer__count--full" : ""}`} id="composer-count">
              {left === 1 ? "1 character left" : `${left} characters left`}
            </span>
          )}
          <button type="submit" class="button button--primary" disabled={!writable || !check.ok}>
            <Icon name="send" />
            Send
          </button>
        </div>
      </div>
    </form>
  );
}
