import type { Locator } from "playwright-core";
import { expect } from "vitest";
import { TEXT_CASES, TEXT_MAX, type TextCase } from "../../shared/text-cases";
import { waitUntil } from "./dashboard-app";

/** What a composer shows beside its text: whether Send is enabled, its counter (null when hidden), its problem line. */
export interface ComposerSigns {
  sendable: boolean;
  counter: string | null;
  broken: boolean;
}

/**
 * What a composer should show for a row of TEXT_CASES once the row's text was put in it: long
 * text as the row says it is clipped, and a send button only for text the server accepts.
 */
export function composerExpects(row: TextCase, max: number): { value: string; sendable: boolean; left: number } {
  if (row.clipped !== undefined) return { value: row.clipped, sendable: true, left: max - [...row.clipped.trim()].length };
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

/** Pastes `text` into a text field at `index` (a UTF-16 index), as the browser would, and fires `input`. */
export async function pasteAt(field: Locator, text: string, index: number): Promise<void> {
  const units = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  await field.evaluate(
    (element, { codes, at }) => {
      const area = element as HTMLTextAreaElement;
      const pasted = String.fromCharCode(...codes);
      area.value = area.value.slice(0, at) + pasted + area.value.slice(at);
      area.setSelectionRange(at + pasted.length, at + pasted.length);
      area.dispatchEvent(new Event("input", { bubbles: true }));
    },
    { codes: units, at: index },
  );
}

/** A text field's value, carried back as UTF-16 units for the same reason. */
export async function fieldText(field: Locator): Promise<string> {
  const units = await field.evaluate((element) => {
    const value = (element as HTMLTextAreaElement).value;
    return Array.from({ length: value.length }, (_, i) => value.charCodeAt(i));
  });
  return String.fromCharCode(...units);
}

/**
 * Puts every row of TEXT_CASES in a composer's `field` and presses Enter: the composer must show
 * what `composerExpects` says (read through `signs`), send the accepted rows and keep the others.
 * Returns the texts it sent, trimmed and in order, for the caller to find on the server.
 */
export async function sendTextCases(field: Locator, signs: () => Promise<ComposerSigns>): Promise<string[]> {
  // The browser's own limit counts UTF-16 units and would cut emoji in half.
  expect(await field.getAttribute("maxlength")).toBeNull();

  const read = async () => ({ value: await fieldText(field), ...(await signs()) });
  const sent: string[] = [];
  for (const row of TEXT_CASES) {
    const want = composerExpects(row, TEXT_MAX);
    await putText(field, row.text);
    const shown = await waitUntil(read, (state) => state.value === want.value && state.sendable === want.sendable, row.name);
    if (want.left === 0 || shown.counter !== null) expect(shown.counter, row.name).toBe(`${want.left} characters left`);
    expect(shown.broken, row.name).toBe(row.problem === "invalid_text");

    await field.press("Enter");
    if (want.sendable) {
      await waitUntil(() => fieldText(field), (value) => value === "", `${row.name} is sent`);
      sent.push(want.value.trim());
    } else {
      expect(await fieldText(field), row.name).toBe(row.text);
    }
  }
  return sent;
}
