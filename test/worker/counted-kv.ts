/**
 * An object's synchronous KV storage whose writes are listed as they happen: each `put` by its
 * key, each `delete` as `-key`. Reads and writes reach the real storage.
 */
export function countedKv(kv: SyncKvStorage): { kv: SyncKvStorage; writes: string[] } {
  const writes: string[] = [];
  const counted: SyncKvStorage = Object.assign(Object.create(kv) as SyncKvStorage, {
    get: <T>(key: string) => kv.get<T>(key),
    put: <T>(key: string, value: T) => {
      writes.push(key);
      kv.put(key, value);
    },
    delete: (key: string) => {
      writes.push(`-${key}`);
      return kv.delete(key);
    },
  });
  return { kv: counted, writes };
}
