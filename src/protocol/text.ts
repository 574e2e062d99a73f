/**
 * The rules for text people write (SPEC §10), shared by the server, the widget and the dashboard
 * so all three count and refuse the same way. Lengths are Unicode code points, never UTF-16 units:
 * an emoji counts as one, a family emoji as the code points it is made of. Imports nothing.
 */

/** Why a text was refused; these are also the error codes clients see. */
export type TextProblem = "empty" | "too_long" | "invalid_text";

export type TextCheck = { ok: true; text: string; length: number } | { ok: false; problem: TextProblem; length: number };

/**
 * Characters that show nothing: white space, default-ignorable code points (zero-width space and
 * joiners, word joiner, byte order mark, variation selectors, Hangul fillers) and the blank
 * Braille pattern, a favourite for "empty" messages.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** Number of code points; a lone surrogate counts as one. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** True when every surrogate is half of a pair, so the text encodes as UTF-8 without loss. */
export function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Control characters other than tab and line breaks: no one types them, and they break what reads the text later. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** True when the text is well-formed and free of control characters: fit to store and show. */
export function isCleanText(text: string): boolean {
  return isWellFormed(text) && !CONTROL.test(text);
}

/** True when nothing in the text would show on screen. */
export function isBlank(text: string): boolean {
  return INVISIBLE_ONLY.test(text);
}

/**
 * Checks a message as the server will store it: trimmed, well-formed and free of control
 * characters, not blank, and at most `max` code points long.
 *
 * @example checkText("  hi  ", 1000) // { ok: true, text: "hi", length: 2 }
 */
export function checkText(raw: string, max: number): TextCheck {
  const text = raw.trim();
  const length = codePointLength(text);
  if (!isCleanText(text)) return { ok: false, problem: "invalid_text", length };
  if (isBlank(text)) return { ok: false, problem: "empty", length };
  if (length > max) return { ok: false, problem: "too_long", length };
  return { ok: true, text, length };
}

/**
 * The characters of `text` as a reader sees them (grapheme clusters: a family emoji is one),
 * where the runtime can tell (`Intl.Segmenter`); code points otherwise.
 */
export function characters(text: string): string[] {
  if (typeof Intl !== "undefined" && "Segmenter" in Intl) {
    return Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), (part) => part.segment);
  }
  return Array.from(text);
}

/**
 * The longest start of `text` that has at most `max` code points and ends between whole
 * characters, so no emoji is ever cut in half (composers' clipping).
 */
export function clipToCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = "";
  let count = 0;
  for (const character of characters(text)) {
    const size = codePointLength(character);
    if (count + size > max) break;
    kept += character;
    count += size;
  }
  return kept;
}

/** `text` without its last `count` code points or more, removed a whole character at a time. */
export function dropCodePoints(text: string, count: number): string {
  const parts = characters(text);
  let dropped = 0;
  while (dropped < count && parts.length > 0) dropped += codePointLength(parts.pop()!);
  return parts.join("");
}
