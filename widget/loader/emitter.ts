type Handler<T> = (data: T) => void;

/** `on`/`off`/`emit`; a failing handler of the embedder is reported and never stops the widget. */
export class Emitter<Events> {
  readonly #handlers = new Map<keyof Events, Set<Handler<never>>>();

  on<E extends keyof Events>(event: E, handler: Handler<Events[E]>): void {
    const set = this.#handlers.get(event) ?? new Set();
    set.add(handler as Handler<never>);
    this.#handlers.set(event, set);
  }

  off<E extends keyof Events>(event: E, handler: Handler<Events[E]>): void {
    this.#handlers.get(event)?.delete(handler as Handler<never>);
  }

  emit<E extends keyof Events>(event: E, data: Events[E]): void {
    for (const handler of [...(this.#handlers.get(event) ?? [])]) {
      try {
        (handler as Handler<Events[E]>)(data);
      } catch (error) {
        console.error("Parley: an event handler failed", error);
      }
    }
  }
}
