import { computed, signal } from "@preact/signals";

/** Wall time, once a second: waiting timers tick from this one signal. */
export const now = signal(Date.now());

/** Changes once a minute, for text that only moves by the minute ("5m", a visitor's local time). */
export const minuteNow = computed(() => Math.floor(now.value / 60_000) * 60_000);

export function startClock(): () => void {
  const timer = window.setInterval(() => {
    now.value = Date.now();
  }, 1000);
  return () => window.clearInterval(timer);
}
