import { effect, signal, untracked } from "@preact/signals";
import { OpenConversation } from "./conversation/open-conversation";
import { openSessionId } from "./route";

/** The conversation the route points at; one room socket at a time. */
export const openConversation = signal<OpenConversation | null>(null);

export function followOpenConversation(meId: string): () => void {
  const dispose = effect(() => {
    const sessionId = openSessionId.value;
    untracked(() => {
      openConversation.value?.close();
      openConversation.value = sessionId ? new OpenConversation(sessionId, meId) : null;
    });
  });
  return () => {
    dispose();
    openConversation.value?.close();
    openConversation.value = null;
  };
}

/** Whether the agent is looking at this conversation right now (its messages count as read). */
export function isViewing(sessionId: string): boolean {
  return openConversation.peek()?.sessionId === sessionId && document.visibilityState === "visible";
}
