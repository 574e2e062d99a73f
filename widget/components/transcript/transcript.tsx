import type { Message } from "@parley/protocol";
import { useEffect, useRef, useState } from "preact/hooks";
import { useStickToBottom } from "../../lib/use-stick-to-bottom";
import { OlderButton } from "../chat-view/older-button";
import { MessageItem } from "../message-item/message-item";
import { runEdges } from "../message-item/message-text";
import { useWidget } from "../widget-context";

interface Page {
  messages: Message[];
  hasMore: boolean;
}

/** A past conversation (from this or another device of the user), to read, over REST. */
export function Transcript({ conversationId }: { conversationId: string }) {
  const { engine, t } = useWidget();
  const [page, setPage] = useState<Page | null>(null);
  const [state, setState] = useState<"loading" | "idle" | "failed">("loading");
  const scroller = useRef<HTMLDivElement>(null);
  const messages = page?.messages ?? [];
  useStickToBottom(scroller, messages[0]?.id, [messages.length]);

  const load = (before?: number): void => {
    setState("loading");
    engine.api.history(conversationId, before === undefined ? {} : { before }).then(
      (response) => {
        setPage((known) => ({ messages: [...response.messages, ...(before === undefined ? [] : (known?.messages ?? []))], hasMore: response.has_more }));
        setState("idle");
      },
      () => setState("failed"),
    );
  };
  useEffect(() => load(), [conversationId]);

  return (
    <div class="scroller" ref={scroller}>
      {state === "failed" && <p class="note">{t("loadFailed")}</p>}
      {!page && state === "loading" && <p class="note">{t("loading")}</p>}
      <ol class="log" aria-label={t("messages")}>
        {page?.hasMore && <OlderButton loading={state === "loading"} onClick={() => load(messages[0]?.seq)} />}
        {messages.map((message, i) => (
          <MessageItem key={message.id} message={message} {...runEdges(messages, i)} />
        ))}
      </ol>
    </div>
  );
}
