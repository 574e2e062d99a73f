import type { Message } from "@parley/protocol";
import { Fragment } from "preact";
import { useRef } from "preact/hooks";
import { useStickToBottom } from "../../lib/use-stick-to-bottom";
import { Composer } from "../composer/composer";
import { DaySeparator } from "../day-separator/day-separator";
import { Intro } from "../intro/intro";
import { MessageItem } from "../message-item/message-item";
import { actionsOf } from "../message-item/message-text";
import { PendingItem } from "../message-item/pending-item";
import { placeMessages } from "../message-item/placement";
import { RatingSlot } from "../rating-slot/rating-slot";
import { StatusBanner } from "../status-banner/status-banner";
import { TypingIndicator } from "../typing-indicator/typing-indicator";
import { useWidget } from "../widget-context";
import { OlderButton } from "./older-button";

/** The newest bot answer that offers actions, while the bot is still the one answering. */
function actionableId(messages: readonly Message[], botAnswers: boolean): string | null {
  if (!botAnswers) return null;
  const last = messages.findLast((m) => m.sender_type !== "user" && m.sender_type !== "system");
  return last && last.sender_type === "bot" && actionsOf(last).length > 0 ? last.id : null;
}

/** The visitor's newest message that an agent has read, for the "Seen" mark. */
function seenSeq(messages: readonly Message[], agentRead: number): number | null {
  const mine = messages.findLast((m) => m.sender_type === "user" && m.seq <= agentRead);
  return mine?.seq ?? null;
}

/**
 * The live conversation: intro and FAQ, messages, what is on its way, typing, the composer; once it
 * is closed, the satisfaction prompt ends it (SPEC §11). While the site is away with
 * `when_away: "form"` (SPEC §12), the away card ends it instead of the composer, and its form
 * replaces every way to ask for a human; the FAQ still answers at once. A visitor already waiting
 * for or talking to someone keeps the chat as it is.
 */
export function ChatView() {
  const { engine, t, site, away } = useWidget();
  const { model, ui } = engine;
  const messages = model.messages.value;
  const status = model.status.value;
  const awayCard = site.when_away === "form" && away;
  const busy = status === "waiting" || status === "assigned";
  const leaving = awayCard && !busy;
  const pending = engine.pending.value;
  const scroller = useRef<HTMLDivElement>(null);
  // The panel has no height while closed: opening it must pin it to the bottom again.
  useStickToBottom(scroller, messages[0]?.id, [messages.length, pending.length, model.typing.value, ui.open.value]);

  const actionable = actionableId(messages, status === "bot" && !leaving);
  const seen = seenSeq(messages, model.read.value.agent);
  const placement = placeMessages(messages, Date.now());
  return (
    <>
      <StatusBanner />
      <div class="scroller" ref={scroller}>
        <ol class="log" aria-label={t("messages")}>
          {model.canLoadOlder.value ? (
            <OlderButton loading={model.loadingOlder.value} onClick={() => engine.loadOlder()} />
          ) : (
            <Intro offerHuman={status === "bot" && actionable === null && !leaving} />
          )}
          {messages.map((message, i) => {
            const { opensDay, startsRun, endsRun } = placement[i]!;
            return (
              <Fragment key={message.id}>
                {opensDay && <DaySeparator at={message.timestamp} />}
                <MessageItem
                  message={message}
                  startsRun={startsRun}
                  endsRun={endsRun}
                  showActions={message.id === actionable}
                  seen={message.seq === seen}
                />
              </Fragment>
            );
          })}
          {pending.map((item) => (
            <PendingItem key={item.client_msg_id} item={item} />
          ))}
          {awayCard && <awayCard.Card form={!busy} />}
          {status === "closed" && <RatingSlot />}
        </ol>
        <TypingIndicator />
      </div>
      {!leaving && <Composer />}
    </>
  );
}
