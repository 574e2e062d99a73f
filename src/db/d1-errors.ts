/**
 * D1 errors after which a write may go again as it is: SQLite was busy or short of something (the
 * transaction rolled back), or a table is not there yet (a migration not applied).
 */
const TRANSIENT = /SQLITE_(BUSY|LOCKED|IOERR|INTERRUPT|NOMEM|FULL|PROTOCOL)|no such table: index_batches/;

/**
 * Whether D1 answered a write by refusing a statement of it (a constraint, a malformed statement):
 * sent again as it is, it would be refused again. Anything else (D1 not reached, its answer lost,
 * SQLite busy) may land on a later try.
 */
export function refusedByD1(error: unknown): boolean {
  const text = String(error);
  return /SQLITE_/.test(text) && !TRANSIENT.test(text);
}
