import { signal } from "@preact/signals";
import type { VisitorUser } from "../contract";

/**
 * A chat without `conversationId` is the browser's own; with one, another conversation of the
 * identified user (from another browser), continued here as on the browser that started it.
 */
export type View = { name: "chat"; conversationId?: string } | { name: "conversations" };

/** What the visitor is looking at, as opposed to what the conversation contains. */
export class UiState {
  readonly open = signal(false);
  readonly view = signal<View>({ name: "chat" });
  readonly pageVisible = signal(document.visibilityState === "visible");
  readonly user = signal<VisitorUser | null>(null);

  private readonly onVisibility = (): void => {
    this.pageVisible.value = document.visibilityState === "visible";
  };

  constructor() {
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  dispose(): void {
    document.removeEventListener("visibilitychange", this.onVisibility);
  }
}
