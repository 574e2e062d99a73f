import { useSignal, type Signal } from "@preact/signals";
import { useEffect, useRef, type MutableRef } from "preact/hooks";

export interface Popover {
  open: Signal<boolean>;
  root: MutableRef<HTMLDivElement | null>;
  trigger: MutableRef<HTMLButtonElement | null>;
  close: (refocus: boolean) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}

/**
 * A button with a little list of choices under it (`optionClass` marks the choices): it opens on
 * click with focus on the chosen option (`aria-pressed`) or the first, moves with the arrow
 * keys, and closes on Escape or a click elsewhere, giving focus back to the button.
 */
export function usePopover(optionClass: string): Popover {
  const open = useSignal(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const options = () => [...(root.current?.querySelectorAll<HTMLButtonElement>(`.${optionClass}`) ?? [])];

  const close = (refocus: boolean) => {
    open.value = false;
    if (refocus) trigger.current?.focus();
  };

  useEffect(() => {
    if (!open.value) return;
    const all = options();
    (all.find((option) => option.getAttribute("aria-pressed") === "true") ?? all[0])?.focus();
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open.value]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open.value) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const all = options();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    const step = event.key === "ArrowDown" ? 1 : -1;
    all[(index + step + all.length) % all.length]?.focus();
  };

  return { open, root, trigger, close, onKeyDown };
}
