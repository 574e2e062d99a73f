/** While the agent keeps typing, "typing" is repeated this often so the visitor's indicator stays on. */
const REPEAT_MS = 3_000;
/** A pause this long counts as having stopped. */
const IDLE_MS = 2_500;

/** Turns composer keystrokes into few `typing` frames: on, repeated while busy, off when idle or sent. */
export class TypingReporter {
  private active = false;
  private lastSent = 0;
  private idleTimer: number | undefined;

  constructor(private readonly transmit: (isTyping: boolean) => void) {}

  input(hasText: boolean): void {
    if (!hasText) return this.stop();
    const now = Date.now();
    if (!this.active || now - this.lastSent > REPEAT_MS) {
      this.active = true;
      this.lastSent = now;
      this.transmit(true);
    }
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => this.stop(), IDLE_MS);
  }

  stop(): void {
    window.clearTimeout(this.idleTimer);
    if (!this.active) return;
    this.active = false;
    this.transmit(false);
  }
}
