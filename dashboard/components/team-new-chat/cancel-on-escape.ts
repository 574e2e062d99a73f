/** Escape folds the form away, and only the form: the panel around it stays open. */
export function cancelOnEscape(event: KeyboardEvent, cancel: () => void): void {
  if (event.key !== "Escape") return;
  event.stopPropagation();
  cancel();
}
