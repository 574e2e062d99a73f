import { EMAIL_MAX } from "@parley/protocol/limits";
import { useRef, useState } from "preact/hooks";
import { useWidget } from "../components/widget-context";
import type { Translate } from "../i18n";
import type { AwayStrings } from "../i18n/away-en";
import { clipField } from "../shared/clip-field";
import type { HttpError } from "../shared/http";
import { randomId } from "../shared/random-id";

/** Show how many characters are left once fewer than this remain (as the composer does). */
const COUNT_FROM = 100;

/**
 * What a person means by an address: something, an @, a domain with a dot. The server checks
 * more strictly, and its refusal is shown the same way.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problem = "email" | "message" | "failed" | null;

/**
 * The away form (SPEC §12): an email and a message, each labelled, checked before sending and
 * again by the server. A field that is wrong gets focus, with its problem as its description; a
 * failed send is announced and keeps everything typed. A retry reuses the message's
 * `client_msg_id`, so a send that did arrive is never stored twice; an edit makes it a new one.
 */
export function LeaveMessageForm({ t, onSent }: { t: Translate<keyof AwayStrings>; onSent(email: string): void }) {
  const { engine, t: tp } = useWidget();
  const [email, setEmail] = useState(engine.ui.user.value?.email ?? "");
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [sending, setSending] = useState(false);
  const clientMsgId = useRef<string | null>(null);
  const emailField = useRef<HTMLInputElement>(null);
  const textField = useRef<HTMLTextAreaElement>(null);
  const check = engine.check(text);
  const left = engine.maxLength - check.length;

  const fail = (which: Exclude<Problem, null>): void => {
    setProblem(which);
    if (which === "email") emailField.current?.focus();
    if (which === "message") textField.current?.focus();
  };

  const submit = (event: Event): void => {
    event.preventDefault();
    if (sending) return;
    const address = email.trim();
    if (!EMAIL.test(address)) return fail("email");
    if (!check.ok) return fail("message");
    setProblem(null);
    setSending(true);
    clientMsgId.current ??= `w-${randomId(3)}`;
    engine.api.leaveMessage(engine.conversationId, { email: address, content: check.text, client_msg_id: clientMsgId.current }).then(
      () => onSent(address),
      (error: Partial<HttpError>) => {
        setSending(false);
        // The content was checked here as the server checks it: a refusal of the body is the address.
        fail(error.status === 400 ? "email" : "failed");
      },
    );
  };

  const edited = (): void => {
    clientMsgId.current = null;
    if (problem === "failed") setProblem(null);
  };

  const messageProblem = problem === "message" ? (check.ok || check.problem !== "invalid_text" ? t("messageEmpty") : tp("brokenCharacter")) : null;
  return (
    <form class="away-form" noValidate aria-labelledby="parley-away-title" onSubmit={submit}>
      <h3 id="parley-away-title" class="away-title">
        {t("awayTitle")}
      </h3>
      <label for="parley-away-email">{t("emailLabel")}</label>
      <input
        id="parley-away-email"
        ref={emailField}
        type="email"
        autocomplete="email"
        required
        dir="ltr"
        maxLength={EMAIL_MAX}
        value={email}
        aria-invalid={problem === "email" || undefined}
        aria-describedby={problem === "email" ? "parley-away-email-problem" : undefined}
        onInput={(event) => {
          setEmail(event.currentTarget.value);
          edited();
        }}
      />
      {problem === "email" && (
        <p id="parley-away-email-problem" class="away-problem">
          {t("emailInvalid")}
        </p>
      )}
      <label for="parley-away-text">{t("awayMessageLabel")}</label>
      <textarea
        id="parley-away-text"
        ref={textField}
        rows={4}
        dir="auto"
        required
        value={text}
        aria-invalid={problem === "message" || undefined}
        aria-describedby={[messageProblem && "parley-away-text-problem", left < COUNT_FROM && "parley-away-count"].filter(Boolean).join(" ") || undefined}
        onInput={(event) => {
          setText(clipField(event.currentTarget, text, engine.maxLength));
          edited();
        }}
      />
      {messageProblem && (
        <p id="parley-away-text-problem" class="away-problem">
          {messageProblem}
        </p>
      )}
      {left < COUNT_FROM && (
        <p id="parley-away-count" class="count">
          {tp("charactersLeft", { count: left })}
        </p>
      )}
      <div role="alert">{problem === "failed" && <p class="away-problem">{t("leaveFailed")}</p>}</div>
      <button type="submit" class="away-send" aria-disabled={sending || undefined}>
        {sending ? tp("sending") : t("leaveMessage")}
      </button>
    </form>
  );
}
