import { expect, vi } from "vitest";
import { ChatSession } from "../../src/objects/chat-session";

/** The ChatSession entries a message comes in by: a room socket's frame, or the REST route's RPC. */
type Entry = "webSocketMessage" | "post";

/**
 * Waits until a ChatSession has finished handling the next call of `entry`: everything it did
 * inside that round trip is done. `at` is read the moment the handling ends, before any other
 * event (the alarm that sends a report, say) can run in the object, so a cost read there
 * belongs to the round trip alone. (A flag, polled: a promise resolved inside the object could
 * not carry the test on.)
 */
export function nextHandled<T>(entry: Entry, at: () => T): () => Promise<T> {
  const original = ChatSession.prototype[entry] as (this: ChatSession, ...args: unknown[]) => Promise<unknown>;
  let seen: { value: T } | null = null;
  const spy = vi.spyOn(ChatSession.prototype as unknown as Record<Entry, (...args: unknown[]) => Promise<unknown>>, entry);
  spy.mockImplementationOnce(async function handled(this: ChatSession, ...args: unknown[]) {
    const result = await original.apply(this, args);
    seen = { value: at() };
    return result;
  });
  return async () => {
    await vi.waitFor(() => expect(seen).not.toBeNull(), { interval: 5 });
    return seen!.value;
  };
}

/** Waits until a ChatSession has finished handling the next socket frame. */
export function nextFrameHandled(): () => Promise<void> {
  return nextHandled("webSocketMessage", () => undefined);
}
