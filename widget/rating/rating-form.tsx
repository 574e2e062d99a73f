import { RATING_COMMENT_MAX } from "@parley/protocol/limits";
import { Fragment } from "preact";
import { useRef, useState } from "preact/hooks";
import type { RATING_MAX } from "../components/message-item/message-text";
import { useWidget } from "../components/widget-context";
import type { Translate } from "../i18n";
import type { RatingStrings } from "../i18n/rating-en";
import { clipField } from "../shared/clip-field";
import type { HttpError } from "../shared/http";

/** Each star's accessible name, from 1 to the best score. */
const SCORE_LABELS = ["ratingScore1", "ratingScore2", "ratingScore3", "ratingScore4", "ratingScore5"] as const satisfies { length: typeof RATING_MAX };

const STAR = "M12 3.2l2.7 5.5 6 .9-4.35 4.25 1.03 6L12 17l-5.38 2.85 1.03-6L3.3 9.6l6-.9z";

type Problem = "pick" | "failed" | null;

interface RatingFormProps {
  t: Translate<keyof RatingStrings>;
  onRated(): void;
  /** The conversation was reopened meanwhile: there is nothing to rate any more. */
  onClosedNoMore(): void;
  onDismiss(): void;
}

/**
 * "How was this conversation?": five stars as native radio buttons (arrow keys move between them,
 * each is named for screen readers), an optional comment, Send and "No thanks". Sending without a
 * score says so and puts focus on the first star. A rating the server already has (another tab
 * sent it) counts as sent.
 */
export function RatingForm({ t, onRated, onClosedNoMore, onDismiss }: RatingFormProps) {
  const { engine, t: tp } = useWidget();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [sending, setSending] = useState(false);
  const firstStar = useRef<HTMLInputElement>(null);

  const submit = (event: Event): void => {
    event.preventDefault();
    if (sending) return;
    if (!score) {
      setProblem("pick");
      firstStar.current?.focus();
      return;
    }
    setProblem(null);
    setSending(true);
    const text = comment.trim();
    engine.api.rate(engine.conversationId, text ? { score, comment: text } : { score }).then(onRated, (error: Partial<HttpError>) => {
      if (error.code === "already_rated") return onRated();
      if (error.code === "not_closed") return onClosedNoMore();
      setSending(false);
      setProblem("failed");
    });
  };

  return (
    <form class="rating-form" noValidate onSubmit={submit}>
      <fieldset role="radiogroup">
        <legend class="rating-title">{t("ratingQuestion")}</legend>
        <div class="stars">
          {SCORE_LABELS.map((label, i) => (
            <Fragment key={label}>
              <input
                id={`parley-score-${i + 1}`}
                ref={i ? undefined : firstStar}
                class="sr-only"
                type="radio"
                name="parley-score"
                value={i + 1}
                checked={score === i + 1}
                aria-describedby={problem === "pick" ? "parley-rating-problem" : undefined}
                onChange={() => {
                  setScore(i + 1);
                  setProblem(null);
                }}
              />
              <label for={`parley-score-${i + 1}`} class={i < score ? "on" : undefined}>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d={STAR} />
                </svg>
                <span class="sr-only">{t(label)}</span>
              </label>
            </Fragment>
          ))}
        </div>
        {problem === "pick" && (
          <p id="parley-rating-problem" class="rating-problem">
            {t("ratingPickFirst")}
          </p>
        )}
      </fieldset>
      <label for="parley-rating-comment">{t("ratingCommentLabel")}</label>
      <textarea
        id="parley-rating-comment"
        rows={2}
        dir="auto"
        value={comment}
        onInput={(event) => {
          setComment(clipField(event.currentTarget, comment, RATING_COMMENT_MAX));
          if (problem === "failed") setProblem(null);
        }}
      />
      <div role="alert">{problem === "failed" && <p class="rating-problem">{t("ratingFailed")}</p>}</div>
      <div class="rating-actions">
        <button type="submit" class="rating-send" aria-disabled={sending || undefined}>
          {sending ? tp("sending") : t("ratingSend")}
        </button>
        <button type="button" class="rating-dismiss" onClick={onDismiss}>
          {t("ratingDismiss")}
        </button>
      </div>
    </form>
  );
}
