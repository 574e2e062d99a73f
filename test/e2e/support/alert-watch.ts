import type { Page } from "playwright-core";

export interface AlertsSeen {
  notifications: { title: string; body: string }[];
  /** Notes of the chime played so far (WebAudio oscillators started). */
  notes: number;
}

interface Watched extends AlertsSeen {
  hidden: boolean;
}

/**
 * Runs in the page before its scripts: a stand-in `Notification` (permission granted) records
 * what would show on the desktop, the real chime's oscillators are counted as they start, and
 * the page's visibility and focus follow `hidden`, since a headless browser never goes to the
 * background by itself.
 */
function observe(): void {
  const seen: Watched = { notifications: [], notes: 0, hidden: false };
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
    start.call(this, when);
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

  /** The agent switches to another tab or window (true), or comes back (false). */
  async background(hidden: boolean): Promise<void> {
    await this.page.evaluate((value) => {
      (window as unknown as { parleyAlertsSeen: Watched }).parleyAlertsSeen.hidden = value;
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
  }
}
