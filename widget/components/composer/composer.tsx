import { useRef, useState } from "preact/hooks";
import { clipField } from "../../shared/clip-field";
import { SendIcon } from "../icons";
import { useWidget } from "../widget-context";

/** Show how many characters are left once fewer than this remain. */
const COUNT_FROM = 100;
const MAX_HEIGHT_PX = 120;

/**
 * The visitor's input: Enter sends, Shift+Enter breaks the line, keystrokes report typing. It
 * counts and clips in code points and offers to send only what the server would accept.
 */
export function Composer() {
  const { engine, t } = useWidget();
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const check = engine.check(text);

  const fit = (): void => {
    const element = input.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  };

  const submit = (event: Event): void => {
    event.preventDefault();
    if (!engine.send(text)) return;
    setText("");
    requestAnimationFrame(fit);
  };

  const left = engine.maxLength - check.length;
  const broken = !check.ok && check.problem === "invalid_text";
  const described = [left < COUNT_FROM && "parley-count", broken && "parley-problem"].filter(Boolean).join(" ");
  return (
    <form class="composer" onSubmit={submit}>
      <div class="field">
        <label class="sr-only" for="parley-input">
          {t("messageLabel")}
        </label>
        <textarea
          id="parley-input"
          ref={input}
          rows={1}
          dir="auto"
          value={text}
          placeholder={t("placeholder")}
          aria-describedby={described || undefined}
          aria-invalid={broken || undefined}
          onInput={(event) => {
            setText(clipField(event.currentTarget, text, engine.maxLength));
            engine.noteTyping();
            fit();
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) submit(event);
          }}
        />
        <button type="submit" class="send" aria-label={t("send")} disabled={!check.ok}>
          <SendIcon />
        </button>
      </div>
      {broken && (
        <p id="parley-problem" class="count problem" role="alert">
          {t("brokenCharacter")}
        </p>
      )}
      {left < COUNT_FROM && (
        <p id="parley-count" class="count">
          {t("charactersLeft", { count: left })}
        </p>
      )}
      <p class="powered">{t("poweredBy")}</p>
    </form>
  );
}
