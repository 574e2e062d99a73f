import { effect, signal, untracked, type ReadonlySignal } from "@preact/signals";
import type { Engine } from "./engine";

export interface ShownEngine {
  current: ReadonlySignal<Engine>;
  dispose(): void;
}

/**
 * The engine of the conversation on screen: the browser's own (`home`), or one for another
 * conversation of the identified user while the visitor continues it here (SPEC §4.9), started
 * when they open it and ended when they leave it.
 */
export function showEngine(home: Engine): ShownEngine {
  const current = signal(home);
  const dispose = effect(() => {
    const view = home.ui.view.value;
    const visited = view.name === "chat" ? view.conversationId : undefined;
    // Building an engine reads signals of its own: this effect follows the view alone.
    const engine = visited ? untracked(() => home.visitConversation(visited)) : home;
    current.value = engine;
    if (engine !== home) return () => engine.dispose();
  });
  return { current, dispose };
}
