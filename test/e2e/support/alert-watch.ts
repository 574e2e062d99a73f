import type { Page } from "playwright-core";

export interface AlertsSeen {
  notifications: { title: string; body: string }[];
  /** Notes of the chime played so far (WebAudio oscillators started). */
  notes: number;
}

interface Watched extends AlertsSeen {
  hidden: boolean;
  /** When the last note started (the page's `performance.now()`), -Infinity before any. */
  lastNoteAt: number;
  /** Every frame the page's sockets received, recorded before the page's own handlers run. */
  received: string[];
}

/**
 * Runs in the page before its scripts: a stand-in `Notification` (permission granted) records
 * what would show on the desktop, the real chime's oscillators are counted as they start, and
 * the page's visibility and focus follow `hidden`, since a headless browser never goes to the
 * background by itself.
 */
function observe(): void {
  const seen: Watched = { notifications: [], notes: 0, hidden: false, lastNoteAt: -Infinity, received: [] };
  Object.assign(window, { parleyAlertsSeen: seen });
  class RecordedNotification {
    static readonly permission = "granted";
    static requestPermission(): Promise<string> {
      return Promise.resolve("granted");
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options?: { body?: string }) {
      seen.notifications.push({ title, body: options?.body ?? "" });
    }
    close(): void {}
  }
  Object.defineProperty(window, "Notification", { value: RecordedNotification, configurable: true, writable: true });
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    seen.notes++;
    seen.lastNoteAt = performance.now();
    start.call(this, when);
  };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", (event) => seen.received.push(String(event.data)));
    }
  };
  Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (seen.hidden ? "hidden" : "visible") });
  Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => seen.hidden });
  Document.prototype.hasFocus = () => !seen.hidden;
}

/** A dashboard page whose alerts a test can see, and send to the background. */
export class AlertWatch {
  private constructor(private readonly page: Page) {}

  /** Watches `page` from its next load on; reloads it. */
  static async start(page: Page): Promise<AlertWatch> {
    await page.context().addInitScript(observe);
    await page.reload();
    return new AlertWatch(page);
  }

  seen(): Promise<AlertsSeen> {
    return this.page.evaluate(() => {
      const { notifications, notes } = (window as unknown as { parleyAlertsSeen: Watched }).parleyAlertsSeen;
      return { notifications: [...notifications], notes };
    });
  }

  /**
   * Resolves once one of the page's sockets has received a frame containing every one of `parts`
   * and the page's handlers for it have run (they run in the same task as the recording listener).
   */
  async received(...parts: string[]): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => (window as unknown as { parleyAlertsSeen: Watched }).parleyAlertsSeen.received.some((frame) => wanted.every((part) => frame.includes(part))),
      parts,
    );
  }

  /** Resolves once `gapMs` has passed in the page since the last chime note started. */
  async quietFor(gapMs: number): Promise<void> {
    await this.page.waitForFunction((gap) => performance.now() - (window as unknown as { parleyAlertsSeen: Watched }).parleyAlertsSeen.lastNoteAt >= gap, gapMs);
  }

  /** The agent switches to another tab or window (true), or comes back (false). */
  async background(hidden: boolean): Promise<void> {
    await this.page.evaluate((value) => {
      (window as unknown as { parleyAlertsSeen: Watched }).parleyAlertsSeen.hidden = value;
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
  }
}
