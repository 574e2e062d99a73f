import { useSignal, type Signal } from "@preact/signals";
import { asSentence } from "./text";

export interface Action {
  /** The action under way (its name), or null: its button says so and the others wait. */
  busy: Signal<string | null>;
  /** Why the last one failed, in the server's words. */
  error: Signal<string | null>;
  /** Runs one action at a time; true when it went through. */
  run: (name: string, action: () => Promise<unknown>) => Promise<boolean>;
}

/** One request at a time from a few buttons or forms, with its refusal shown as a sentence. */
export function useAction(): Action {
  const busy = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const run = async (name: string, action: () => Promise<unknown>) => {
    if (busy.peek()) return false;
    busy.value = name;
    error.value = null;
    try {
      await action();
      return true;
    } catch (failure) {
      error.value = failure instanceof Error ? asSentence(failure.message) : "That did not work. Try again.";
      return false;
    } finally {
      busy.value = null;
    }
  };
  return { busy, error, run };
}
