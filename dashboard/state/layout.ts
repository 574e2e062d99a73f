import { signal } from "@preact/signals";

/** Below the widest layout the visitor panel is a drawer the agent opens from the conversation header. */
export const visitorDrawerOpen = signal(false);

/** Phones show the list or the open conversation, not both (the 700 px breakpoint of inbox-page.css). */
export const oneColumn = () => window.matchMedia("(max-width: 700px)").matches;
