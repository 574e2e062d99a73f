import { signal } from "@preact/signals";
import type { VisitorUser } from "../contract";

export type View = { name: "chat" } | { name: "conversations" } | { name: "transcript"; conversationId: string };

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
