import { elapsed, fullDateTime, minutesSince, relativeTime } from "../../lib/time";
import { minuteNow, now } from "../../state/clock";
import "./time.css";

/** Minutes after which a wait is shown as long, then as too long. */
const LONG_WAIT_MIN = 2;
const TOO_LONG_WAIT_MIN = 5;

/** A waiting timer that ticks every second and warms up in colour as the wait grows. */
export function WaitingTimer({ since, label }: { since: string; label?: string }) {
  const minutes = minutesSince(since, now.value);
  const level = minutes >= TOO_LONG_WAIT_MIN ? "urgent" : minutes >= LONG_WAIT_MIN ? "long" : "fresh";
  return (
    <span class={`waiting-timer waiting-timer--${level}`} title={`Waiting since ${fullDateTime(since)}`}>
      {label && <span class="visually-hidden">{label} </span>}
      <time dateTime={since}>{elapsed(since, now.value)}</time>
    </span>
  );
}

/** "now", "5m", "Yesterday": re-rendered once a minute, not every second. */
export function RelativeTime({ at }: { at: string }) {
  return (
    <time class="relative-time" dateTime={at} title={fullDateTime(at)}>
      {relativeTime(at, minuteNow.value)}
    </time>
  );
}
