import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { useWidget } from "../components/widget-context";
import type { Translate } from "../i18n";
import type { RatingStrings } from "../i18n/rating-en";
import { BOTTOM_SLACK_PX } from "../lib/use-stick-to-bottom";
import { ratingDismissedKey } from "../shared/keys";
import { readText, writeText } from "../shared/storage";
import { closingToRate } from "./closing";
import { RatingForm } from "./rating-form";

type Phase = "asking" | "thanked" | "gone";

/**
 * The prompt comes after the log was laid out (its chunk loads late): a visitor reading the newest
 * lines sees it come in, one who scrolled up to read older ones keeps their place.
 */
function followIntoView(item: HTMLElement): void {
  const scroller = item.closest(".scroller");
  if (scroller && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= item.offsetHeight + BOTTOM_SLACK_PX) {
    scroller.scrollTop = scroller.scrollHeight;
  }
}

/**
 * The satisfaction prompt at the end of a closed conversation (SPEC §11), once per closing: gone
 * for good once that closing is rated (its `rated` line is in the log) or dismissed (remembered in
 * storage by conversation and closing). After a rating, the thanks takes the form's place and
 * focus in the same commit (a layout effect, so no frame shows the thanks unfocused), so screen
 * readers read it; after "No thanks", focus goes back to the composer.
 */
export function RatingCard({ t, siteKey }: { t: Translate<keyof RatingStrings>; siteKey: string }) {
  const { engine } = useWidget();
  const [phase, setPhase] = useState<Phase>("asking");
  const item = useRef<HTMLLIElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);
  const key = ratingDismissedKey(siteKey, engine.conversationId);
  const closing = closingToRate(engine.model.messages.value);
  const asking = phase === "asking" && closing !== null && readText(key) !== String(closing);

  useLayoutEffect(() => {
    if (item.current) followIntoView(item.current);
  }, [asking]);
  useLayoutEffect(() => thanks.current?.focus(), [phase]);

  const dismiss = (): void => {
    writeText(key, String(closing));
    (item.current?.getRootNode() as ShadowRoot | undefined)?.getElementById("parley-input")?.focus();
    setPhase("gone");
  };

  if (phase === "thanked") {
    return (
      <li class="rating">
        <p id="parley-rating-thanks" class="rating-thanks" role="status" tabIndex={-1} ref={thanks}>
          {t("ratingThanks")}
        </p>
      </li>
    );
  }
  if (!asking) return null;
  return (
    <li class="rating" ref={item}>
      <RatingForm t={t} onRated={() => setPhase("thanked")} onClosedNoMore={() => setPhase("gone")} onDismiss={dismiss} />
    </li>
  );
}
