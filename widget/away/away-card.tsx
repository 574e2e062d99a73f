import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Translate } from "../i18n";
import type { AwayStrings } from "../i18n/away-en";
import { useWidget } from "../components/widget-context";
import { LeaveMessageForm } from "./leave-message-form";

/** Stands for the address in the translated sentence, which is then split around it. */
const SLOT = "\u0000";

/**
 * The end of the conversation while the site is away (SPEC §12): the away message as the site's
 * own words, then the form, and once the message is left, the confirmation in its place, which
 * stays while the conversation waits for the team.
 */
export function AwayCard({ t, form }: { t: Translate<keyof AwayStrings>; form: boolean }) {
  const { site } = useWidget();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const confirmation = useRef<HTMLParagraphElement>(null);
  // The form and its button are gone: focus goes to the confirmation, which screen readers then read.
  useLayoutEffect(() => confirmation.current?.focus(), [sentTo]);

  if (!form && !sentTo) return null;
  return (
    <li class="away">
      <div class="msg them first">
        <p class="who" aria-hidden="true">{site.name}</p>
        <p class="bubble">
          <span class="sr-only">{site.name}: </span>
          <span class="text" dir="auto">{site.away_message || t("awayDefault")}</span>
        </p>
      </div>
      {sentTo ? (
        <p id="parley-away-sent" class="away-sent" role="status" tabIndex={-1} ref={confirmation}>
          {/* In its own <bdi>: an address keeps its left-to-right order inside an Arabic sentence. */}
          {t("leftMessage", { email: SLOT })
            .split(SLOT)
            .map((part, i) => (i ? [<bdi key={i}>{sentTo}</bdi>, part] : part))}
        </p>
      ) : (
        <LeaveMessageForm t={t} onSent={setSentTo} />
      )}
    </li>
  );
}
