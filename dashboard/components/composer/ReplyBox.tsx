import { useSignal } from "@preact/signals";
import { clipField } from "@parley/browser/clip-field";
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { ReplyTarget } from "../../state/conversation/message-room";
import { serverLimits } from "../../state/server-limits";
import { Icon } from "../icon/Icon";
import "./composer.css";

/** Tallest the box grows before it scrolls, in pixels. */
const MAX_HEIGHT_PX = 180;
/** Show how many characters are left once fewer than this remain. */
const COUNT_FROM = 100;

/**
 * The text box of a composer, for support replies and team chats alike: Enter sends, Shift+Enter
 * adds a line. It counts and clips in code points, as the server does, and offers to send only
 * what the server would accept. `children` (notes, refusals) sit above the box, inside the form.
 * `idBase` keeps its ids apart from another composer on the page (the team panel over the inbox).
 */
export function ReplyBox(props: {
  target: ReplyTarget;
  idBase: string;
  label: string;
  placeholder: string;
  /** Read-only says why through `describedBy` (the note above the box). */
  readOnly?: boolean;
  describedBy?: string;
  children?: ComponentChildren;
}) {
  const { target, idBase } = props;
  const readOnly = props.readOnly ?? false;
  const text = useSignal("");
  const field = useRef<HTMLTextAreaElement>(null);
  const max = serverLimits.value.max_message_length;
  const check = target.check(text.value);
  const left = max - check.length;
  const broken = !check.ok && check.problem === "invalid_text";
  const counting = left < COUNT_FROM;
  const ids = { input: `${idBase}-input`, hint: `${idBase}-hint`, problem: `${idBase}-problem`, count: `${idBase}-count` };
  const described = [readOnly ? props.describedBy : ids.hint, broken && ids.problem, counting && ids.count].filter(Boolean).join(" ");

  useEffect(() => {
    field.current?.focus();
  }, [target]);

  // Taking over from the composer removes the button that had focus: the agent goes on in the box.
  useEffect(() => {
    if (!readOnly && document.activeElement === document.body) field.current?.focus();
  }, [readOnly]);

  const fit = () => {
    const element = field.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  };

  const send = () => {
    if (readOnly || !target.reply(text.value)) return;
    text.value = "";
    requestAnimationFrame(fit);
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {props.children}
      <div class="composer__box">
        <label class="visually-hidden" for={ids.input}>
          {props.label}
        </label>
        <textarea
          id={ids.input}
          ref={field}
          rows={2}
          placeholder={readOnly ? "Read only" : props.placeholder}
          readOnly={readOnly}
          value={text.value}
          onInput={(event) => {
            text.value = clipField(event.currentTarget, text.value, max);
            target.composerInput(text.value.trim() !== "");
            fit();
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send();
            }
          }}
          onBlur={() => target.composerLeft()}
          aria-describedby={described}
          aria-invalid={broken || undefined}
        />
        {broken && (
          <p class="composer__problem" id={ids.problem} role="alert">
            <Icon name="alert" size={14} />
            This message has a broken character (half an emoji?). Remove it to send.
          </p>
        )}
        <div class="composer__bar">
          <span class="composer__hint" id={ids.hint}>
            {!readOnly && (
              <>
                <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
              </>
            )}
          </span>
          {counting && (
            <span class={`composer__count${left <= 0 ? " composer__count--full" : ""}`} id={ids.count}>
              {left === 1 ? "1 character left" : `${left} characters left`}
            </span>
          )}
          <button type="submit" class="button button--primary" disabled={readOnly || !check.ok}>
            <Icon name="send" />
            Send
          </button>
        </div>
      </div>
    </form>
  );
}
