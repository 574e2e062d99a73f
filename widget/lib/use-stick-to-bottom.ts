import type { RefObject } from "preact";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";

/** How close to the bottom still counts as "reading the newest messages". */
export const BOTTOM_SLACK_PX = 48;

/**
 * Keeps a scroller on its newest content while the visitor is at the bottom, and keeps their
 * place when older content is put on top (`firstKey` changes while they are scrolled up).
 * `changes` lists whatever alters the content's height.
 */
export function useStickToBottom(scroller: RefObject<HTMLElement>, firstKey: unknown, changes: unknown[]): void {
  const state = useRef({ atBottom: true, height: 0, firstKey });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const known = state.current;
    if (known.atBottom) element.scrollTop = element.scrollHeight;
    else if (known.firstKey !== firstKey) element.scrollTop += element.scrollHeight - known.height;
    known.firstKey = firstKey;
    known.height = element.scrollHeight;
  }, [scroller, firstKey, ...changes]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = (): void => {
      state.current.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK_PX;
      state.current.height = element.scrollHeight;
    };
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => element.removeEventListener("scroll", onScroll);
  }, [scroller]);
}
