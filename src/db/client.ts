import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = DrizzleD1Database<typeof schema>;

/** One client per binding: making one walks the whole schema, and reports ask for it every few seconds per conversation. */
const clients = new WeakMap<D1Database, Database>();

/** The drizzle client of a D1 binding, made on first use and kept as long as the binding lives. */
export function database(d1: D1Database): Database {
  let client = clients.get(d1);
  if (!client) {
    client = drizzle(d1, { schema });
    clients.set(d1, client);
  }
  return client;
}
