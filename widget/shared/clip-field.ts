import { clipToCodePoints, codePointLength, dropCodePoints } from "@parley/protocol/text";

/** Where `after` differs from `before`: the span an edit (typing, a paste) replaced, in UTF-16 indexes. */
function editedSpan(before: string, after: string): { start: number; end: number } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  // Never between the halves of a surrogate pair.
  if (start > 0 && /[\uD800-\uDBFF]/.test(after[start - 1]!)) start--;
  if (tail > 0 && /[\uDC00-\uDFFF]/.test(after[after.length - tail]!)) tail--;
  return { start, end: after.length - tail };
}

/**
 * Keeps a text field within `max` code points of trimmed text, the unit and the rule the server
 * uses (SPEC §10). The `maxlength` attribute counts UTF-16 units, so it would count an emoji
 * twice and could cut one in half. Instead, what the last edit put in is shortened (whole
 * characters only), so a paste never pushes out what the person had already written; the caret
 * stays after the kept part. `before` is the value before the edit. Returns the field's value.
 */
export function clipField(field: HTMLTextAreaElement, before: string, max: number): string {
  const value = field.value;
  const excess = codePointLength(value.trim()) - max;
  if (excess <= 0) return value;
  const { start, end } = editedSpan(before, value);
  const inserted = value.slice(start, end);
  const clipped =
    codePointLength(inserted) >= excess
      ? value.slice(0, start) + dropCodePoints(inserted, excess) + value.slice(end)
      : clipToCodePoints(value, max);
  field.value = clipped;
  const caret = Math.min(clipped.length, start + (clipped.length - (value.length - (end - start))));
  field.setSelectionRange(caret, caret);
  return clipped;
}
