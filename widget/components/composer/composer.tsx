import { useRef, useState } from "preact/hooks";
import { SendIcon } from "../icons";
import { useWidget } from "../widget-context";

/** Show how many characters are left once fewer than this remain. */
const COUNT_FROM = 100;
const MAX_HEIGHT_PX = 120;

/** The visitor's input: Enter sends, Shift+Enter breaks the line, keystrokes report typing. */
export function Composer() {
  const { engine, t } = useWidget();
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);

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

  const left = engine.maxLength - text.length;
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
          maxLength={engine.maxLength}
          value={text}
          placeholder={t("placeholder")}
          aria-describedby={left < COUNT_FROM ? "parley-count" : undefined}
          onInput={(event) => {
            setText(event.currentTarget.value);
            engine.noteTyping();
            fit();
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) submit(event);
          }}
        />
        <button type="submit" class="send" aria-label={t("send")} disabled={!text.trim()}>
          <SendIcon />
        </button>
      </div>
      {left < COUNT_FROM && (
        <p id="parley-count" class="count">
          {t("charactersLeft", { count: left })}
        </p>
      )}
      <p class="powered">{t("poweredBy")}</p>
    </form>
  );
}
