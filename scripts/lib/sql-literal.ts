/**
 * A value as an SQLite literal, for SQL that `wrangler d1 execute` runs: it takes no bound
 * parameters. Strings are quoted with every `'` doubled, which is all SQLite needs (it knows no
 * backslash escapes); callers still refuse control characters, NUL included, before they get here.
 */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}
