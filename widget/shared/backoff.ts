/**
 * Growing waits between retries: `initial`, then ×1.6 each time up to `max`, with ±20 % jitter so
 * that the tabs and visitors of a site do not all retry in step after an outage.
 */
export class Backoff {
  #attempt = 0;
  readonly #initial: number;
  readonly #max: number;

  constructor(initial: number, max = 30_000) {
    this.#initial = initial;
    this.#max = max;
  }

  next(): number {
    const base = Math.min(this.#max, this.#initial * 1.6 ** this.#attempt++);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  reset(): void {
    this.#attempt = 0;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
