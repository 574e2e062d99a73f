import { clipToCodePoints } from "@parley/protocol/text";

/**
 * Keeps a text field within `max` code points, the unit the server counts (SPEC §10). The
 * `maxlength` attribute counts UTF-16 units, so it would count an emoji twice and could cut one
 * in half; the widget's and the dashboard's composers clip after each input instead, keeping
 * the caret where it was. Returns the field's value.
 */
export function clipField(field: HTMLTextAreaElement, max: number): string {
  const clipped = clipToCodePoints(field.value, max);
  if (clipped !== field.value) {
    const caret = Math.min(field.selectionEnd, clipped.length);
    field.value = clipped;
    field.setSelectionRange(caret, caret);
  }
  return clipped;
}
