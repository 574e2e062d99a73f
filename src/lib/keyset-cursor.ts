import { fromBase64Url, toBase64Url, utf8 } from "./encoding";

/**
 * An opaque keyset cursor: where a page ended (sort key, id, …) as base64url JSON. Used by the
 * REST inbox and the dashboard socket's live list; each checks the shape it gave out.
 */
export function encodeCursor(position: ReadonlyArray<string | number>): string {
  return toBase64Url(utf8(JSON.stringify(position)));
}

/** The array a cursor holds, or null for anything that is not one of ours. */
export function decodeCursor(cursor: string): unknown[] | null {
  const bytes = fromBase64Url(cursor);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}
