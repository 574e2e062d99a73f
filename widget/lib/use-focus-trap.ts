import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";

const FOCUSABLE = 'a[href],button:not([disabled]),textarea:not([disabled]),input:not([disabled]),select:not([disabled]),[tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside `container` while `active`: the open panel while it covers the
 * page. It listens on the whole document, because when a focused control disappears (the "Talk to
 * a human" button once a human is on the way) focus falls to the page, and the next Tab must still
 * come back.
 */
export function useFocusTrap(container: RefObject<HTMLElement>, active: boolean): void {
  useEffect(() => {
    const element = container.current;
    if (!element || !active) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== "Tab") return;
      const items = [...element.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((item) => item.getClientRects().length > 0);
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) return;
      const current = (element.getRootNode() as ShadowRoot | Document).activeElement;
      const inside = current !== null && element.contains(current);
      // The dialog itself holds focus on touch screens; Shift+Tab from there must not leave either.
      if (!inside || (event.shiftKey && (current === first || current === element))) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (!event.shiftKey && current === last) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKeyDown, true);
    return () => document.removeEventListener("keydown", onKeyDown, true);
  }, [container, active]);
}
