/**
 * A set of listeners, notified in the order they subscribed.
 *
 * A listener that throws must not stop the others from hearing the news, nor
 * leave the sampler half-way through a sample (its timer would stop for good).
 * So each call is isolated, and an error is rethrown on a fresh microtask:
 * it still surfaces as an uncaught error, like any other bug, instead of
 * being swallowed.
 */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds a listener; the returned function removes it. */
  add(listener: (value: T) => void): () => void {
    // A wrapper per subscription, so the same function can subscribe twice and unsubscribe once.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
