type Handler<T> = (data: T) => void;

/** `on`/`off`/`emit`; a failing handler of the embedder is reported and never stops the widget. */
export class Emitter<Events> {
  /** A Map, not an object: event names come from the embedder, "__proto__" included. */
  readonly #handlers = new Map<keyof Events, Set<Handler<never>>>();

  on<E extends keyof Events>(event: E, handler: Handler<Events[E]>): void {
    this.#handlers.set(event, (this.#handlers.get(event) ?? new Set()).add(handler as Handler<never>));
  }

  off<E extends keyof Events>(event: E, handler: Handler<Events[E]>): void {
    this.#handlers.get(event)?.delete(handler as Handler<never>);
  }

  /** Calls every handler; one that throws is reported as uncaught errors are, and the rest still run. */
  emit<E extends keyof Events>(event: E, data: Events[E]): void {
    this.#handlers.get(event)?.forEach((handler) => {
      try {
        (handler as Handler<Events[E]>)(data);
      } catch (error) {
        reportError(error);
      }
    });
  }
}
