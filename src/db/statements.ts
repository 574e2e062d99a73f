import { fillPlaceholders } from "drizzle-orm";
import type { Database } from "./client";

/** A D1 statement as SQL text and its bindings: ready to batch, to hand to the lobby, or to store. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** `statements` bound to a D1 database, in order, for one `batch` (one D1 call, all or none). */
export function bound(d1: D1Database, statements: readonly Statement[]): D1PreparedStatement[] {
  return statements.map((statement) => d1.prepare(statement.sql).bind(...statement.params));
}

/**
 * A value D1 binds. Not `undefined`: D1 refuses it, and where a drizzle builder reads it as
 * "leave the column out", a printed statement has no column to leave out.
 */
export type Bindable = string | number | boolean | null;

/**
 * A statement that drizzle builds and prints once per isolate, with a named placeholder
 * (`sql.placeholder`) for each value, and that each call then fills with its `values`; the text
 * does not depend on the D1 binding of `db`. For the statements a conversation writes every index
 * window: building and printing its two usual ones (the index row, a report bucket) with drizzle
 * took about 150 µs a write (2,000 of each under Node), filling them takes a walk over their
 * params. Throws when a placeholder has no value.
 */
export function preparedStatement<Name extends string>(
  build: (db: Database) => { toSQL(): Statement },
): (db: Database, values: Record<Name, Bindable>) => Statement {
  let printed: Statement | undefined;
  return (db, values) => {
    printed ??= build(db).toSQL();
    return { sql: printed.sql, params: fillPlaceholders(printed.params, values) };
  };
}
