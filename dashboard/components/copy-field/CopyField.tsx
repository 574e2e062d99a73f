import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { copyText } from "../../lib/clipboard";
import { Icon } from "../icon/Icon";
import "./copy-field.css";

/** How long the button says "Copied". */
const COPIED_MS = 2_000;

/**
 * Read-only text with a Copy button: the embed snippet, an identity secret, an invite link.
 * `multiline` shows it in a text area (code); the button says "Copied" or, where the
 * clipboard is refused, leaves the text selected and says to press Ctrl+C.
 */
export function CopyField({ label, value, multiline = false, hint }: { label: string; value: string; multiline?: boolean; hint?: string }) {
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const state = useSignal<"idle" | "copied" | "select">("idle");
  const timer = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = async () => {
    state.value = (await copyText(value, field.current)) ? "copied" : "select";
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => (state.value = "idle"), COPIED_MS);
  };

  const shared = { ref: field, class: "copy-field__text", value, readOnly: true, spellcheck: false, onFocus: () => field.current?.select() };
  return (
    <div class="copy-field">
      <label class="field">
        <span class="field__label">{label}</span>
        {hint && <span class="field__hint">{hint}</span>}
        {multiline ? <textarea {...shared} rows={Math.min(8, value.split("\n").length)} wrap="off" /> : <input {...shared} type="text" />}
      </label>
      <div class="copy-field__actions">
        <button type="button" class="button" onClick={copy}>
          <Icon name={state.value === "copied" ? "check" : "copy"} />
          {state.value === "copied" ? "Copied" : "Copy"}
        </button>
        <span class="copy-field__status" role="status">
          {state.value === "copied" ? `${label} copied to the clipboard` : state.value === "select" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy" : ""}
        </span>
      </div>
    </div>
  );
}
