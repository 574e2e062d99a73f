import type { Locator } from "playwright-core";
import type { TextCase } from "../../shared/text-cases";

/**
 * What a composer should show for a row of TEXT_CASES once the row's text was put in it: long
 * text clipped to `max` code points (spreading the string splits it by code point, never inside
 * a pair), and a send button only for text the server accepts.
 */
export function composerExpects(row: TextCase, max: number): { value: string; sendable: boolean; left: number } {
  if (row.problem === "too_long") return { value: [...row.text].slice(0, max).join(""), sendable: true, left: 0 };
  return { value: row.text, sendable: row.problem === null, left: max - row.length };
}

/**
 * Puts `text` in a text field as a paste does and fires `input`. The text crosses to the page as
 * UTF-16 units: lone surrogates cannot be typed, and the DevTools protocol would mend them.
 */
export async function putText(field: Locator, text: string): Promise<void> {
  const units = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  await field.evaluate((element, codes) => {
    const area = element as HTMLTextAreaElement;
    area.value = String.fromCharCode(...codes);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, units);
}

/** A text field's value, carried back as UTF-16 units for the same reason. */
export async function fieldText(field: Locator): Promise<string> {
  const units = await field.evaluate((element) => {
    const value = (element as HTMLTextAreaElement).value;
    return Array.from({ length: value.length }, (_, i) => value.charCodeAt(i));
  });
  return String.fromCharCode(...units);
}
