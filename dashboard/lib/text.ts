/** Server messages are phrases ("Customer is already assigned to Sam"); shown as sentences they need a stop. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
