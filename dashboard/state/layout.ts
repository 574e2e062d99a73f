import { signal } from "@preact/signals";

/** Below the widest layout the visitor panel is a drawer the agent opens from the conversation header. */
export const visitorDrawerOpen = signal(false);
