/** What the stores use of an object's synchronous KV storage. */
export type KeyValues = Pick<SyncKvStorage, "get" | "put" | "delete">;

/**
 * An object's synchronous KV storage with a write-through copy in memory. The object is the only
 * writer of its storage, so the copy cannot go stale; it lives and dies with the instance (a woken
 * object starts with none and reads through), so hibernation or eviction loses nothing. A turn
 * reads the same few keys many times: after the first, each read is a Map lookup instead of a
 * storage read and a deserialization. Values are shared between readers: treat them as immutable.
 */
export class CachedKv implements KeyValues {
  private readonly copies = new Map<string, unknown>();

  constructor(private readonly kv: SyncKvStorage) {}

  get<T = unknown>(key: string): T | undefined {
    if (this.copies.has(key)) return this.copies.get(key) as T | undefined;
    const value = this.kv.get<T>(key);
    this.copies.set(key, value);
    return value;
  }

  /**
   * Writes `value`, unless it is a primitive equal to what the key already holds: the stores set
   * flags and cursors again and again in a turn, and a write that changes nothing is not free.
   */
  put<T>(key: string, value: T): void {
    const primitive = value === null || typeof value !== "object";
    if (primitive && this.copies.has(key) && Object.is(this.copies.get(key), value)) return;
    this.kv.put(key, value);
    this.copies.set(key, value);
  }

  delete(key: string): boolean {
    this.copies.set(key, undefined);
    return this.kv.delete(key);
  }
}
