import { useEffect } from "preact/hooks";

/**
 * What the page's root and body get while locked. Hidden overflow stops wheel and touch scrolling
 * yet keeps the scroll offset (a fixed body would jump to the top); no overscroll, no pull to
 * refresh. Vertical only, as pages scroll. Longhands only: a shorthand the page set in part reads
 * back as "" and would lose that part on the way back.
 */
const LOCKED = [
  ["overflow-y", "hidden"],
  ["overscroll-behavior-y", "none"],
] as const;

/**
 * Keeps the host page from scrolling behind the panel while `active` (the panel covers the page),
 * then gives the page back its own inline styles, as they were, and its scroll position. Styles go
 * through the CSSOM, which a strict CSP allows, and `!important` outranks the page's stylesheets.
 */
export function useScrollLock(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const { scrollX: x, scrollY: y } = window;
    const undo = [document.documentElement, document.body].flatMap((element) =>
      LOCKED.map(([property, value]) => {
        const { style } = element;
        const was = style.getPropertyValue(property);
        const priority = style.getPropertyPriority(property);
        style.setProperty(property, value, "important");
        return () => (was ? style.setProperty(property, was, priority) : style.removeProperty(property));
      }),
    );
    return () => {
      for (const step of undo.reverse()) step();
      // A focused composer may have moved the page on a phone; "instant" outranks a smooth scroll-behavior.
      if (window.scrollX !== x || window.scrollY !== y) window.scrollTo({ left: x, top: y, behavior: "instant" });
    };
  }, [active]);
}
