import { useSignal } from "@preact/signals";
import type { CreateFaqBody, Faq } from "@parley/protocol";
import { FAQ_ANSWER_MAX, FAQ_KEYWORDS_MAX, FAQ_QUESTION_MAX } from "@parley/protocol/limits";
import { useLayoutEffect, useRef } from "preact/hooks";
import { HttpError } from "../../lib/http";
import { SignalInput } from "../signal-input/SignalInput";
import { describedProps, FieldError } from "../site-form/FieldError";

/**
 * Adds or edits one FAQ: the question the widget shows as a button, the answer the bot gives,
 * and extra words it matches on. `save` throws the server's refusal; its issues show by field.
 */
export function FaqForm({ faq, save, onDone }: { faq: Faq | null; save: (body: CreateFaqBody) => Promise<unknown>; onDone: () => void }) {
  const question = useSignal(faq?.question ?? "");
  const answer = useSignal(faq?.answer ?? "");
  const keywords = useSignal(faq?.keywords ?? "");
  const issues = useSignal<Record<string, string>>({});
  const problem = useSignal<string | null>(null);
  const busy = useSignal(false);
  const first = useRef<HTMLInputElement>(null);
  const prefix = faq ? `faq-${faq.id}` : "faq-new";

  useLayoutEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    try {
      await save({ question: question.value, answer: answer.value, keywords: keywords.value });
      onDone();
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      issues.value = Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
      problem.value = error.issues.length > 0 ? null : error.message;
    } finally {
      busy.value = false;
    }
  };

  const found = issues.value;
  return (
    <form class="faq-form" onSubmit={submit} onKeyDown={(event) => event.key === "Escape" && onDone()} noValidate>
      <div class="field">
        <label class="field__label" for={`${prefix}-question`}>
          Question
        </label>
        <SignalInput
          inputRef={first}
          id={`${prefix}-question`}
          type="text"
          maxLength={FAQ_QUESTION_MAX}
          value={question}
          {...describedProps(`${prefix}-question-error`, found.question)}
        />
        <FieldError id={`${prefix}-question-error`} message={found.question} />
      </div>
      <div class="field">
        <label class="field__label" for={`${prefix}-answer`}>
          Answer
        </label>
        <textarea
          id={`${prefix}-answer`}
          rows={3}
          maxLength={FAQ_ANSWER_MAX}
          value={answer.value}
          onInput={(event) => (answer.value = event.currentTarget.value)}
          {...describedProps(`${prefix}-answer-error`, found.answer)}
        />
        <FieldError id={`${prefix}-answer-error`} message={found.answer} />
      </div>
      <div class="field">
        <label class="field__label" for={`${prefix}-keywords`}>
          Keywords
        </label>
        <span class="field__hint" id={`${prefix}-keywords-hint`}>
          Other words visitors may use, separated by spaces (the bot also matches the question's words).
        </span>
        <SignalInput
          id={`${prefix}-keywords`}
          type="text"
          maxLength={FAQ_KEYWORDS_MAX}
          value={keywords}
          {...describedProps(`${prefix}-keywords-error`, found.keywords, `${prefix}-keywords-hint`)}
        />
        <FieldError id={`${prefix}-keywords-error`} message={found.keywords} />
      </div>
      <div class="form-error" role="alert">
        {problem.value}
      </div>
      <div class="faq-form__actions">
        <button type="button" class="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={busy.value}>
          {faq ? "Save FAQ" : "Add FAQ"}
        </button>
      </div>
    </form>
  );
}
