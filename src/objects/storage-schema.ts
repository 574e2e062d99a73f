/**
 * Versioned tables in a Durable Object's own SQLite. Each store lists its schema as steps, oldest
 * first; an object runs the steps after the version it recorded, once, when it is constructed.
 * A shipped step is never edited: a change is a new step at the end (SPEC §2: storage outlives
 * deployments, so it must migrate).
 */
export function migrateSchema(storage: DurableObjectStorage, store: string, steps: readonly string[]): void {
  const key = `schema:${store}`;
  const version = storage.kv.get<number>(key) ?? 0;
  if (version >= steps.length) return;
  for (const step of steps.slice(version)) storage.sql.exec(step);
  storage.kv.put(key, steps.length);
}
