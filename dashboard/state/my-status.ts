import { computed, signal } from "@preact/signals";
import { sendToLobby } from "./lobby-link";
import { showNotice } from "./notices";
import { me } from "./session";
import { team } from "./team";

/**
 * Whether the signed-in agent set themself away, as the server last said: the `agents` frame
 * on every (re)connect, then `agent_presence`. Away agents keep their conversations, but
 * visitors who write again go to the queue instead of back to them (SPEC §12).
 */
const myPresence = computed(() => {
  const id = me.value?.agent.id;
  return team.value.find((agent) => agent.id === id) ?? null;
});

export const myAway = computed(() => myPresence.value?.away ?? false);

/** False until the server has said where the agent stands, so a reload does not flash "Available". */
export const myStatusKnown = computed(() => myPresence.value !== null);

/** A change sent and not yet confirmed, so the control answers the click at once. */
const requested = signal<boolean | null>(null);

/** What the status control shows. */
export const shownAway = computed(() => requested.value ?? myAway.value);

export function setAway(away: boolean): void {
  if (away === myAway.peek()) {
    requested.value = null;
    return;
  }
  if (!sendToLobby({ type: "set_presence", data: { away } })) {
    showNotice({ tone: "error", text: "Your status can't change while the connection is down. Try again in a moment." });
    return;
  }
  requested.value = away;
}

/** The server said where the agent stands (a presence frame about them, or the whole team). */
export function statusConfirmed(): void {
  requested.value = null;
}
