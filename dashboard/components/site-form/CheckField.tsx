import type { Signal } from "@preact/signals";

/** A checkbox named by its label and described by its hint. */
export function CheckField({ id, label, hint, checked }: { id: string; label: string; hint: string; checked: Signal<boolean> }) {
  return (
    <div class="check">
      <input id={id} type="checkbox" checked={checked.value} aria-describedby={`${id}-hint`} onChange={(event) => (checked.value = event.currentTarget.checked)} />
      <label class="field__label" for={id}>
        {label}
      </label>
      <span class="field__hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  );
}
