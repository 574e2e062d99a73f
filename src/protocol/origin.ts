/**
 * The one rule for a site's allowed origins (SPEC §5): `scheme://host[:port]` and nothing else,
 * written the way browsers send the `Origin` header, so the widget's exact-match check works.
 * Shared by the worker and the dashboard's settings form. Imports nothing.
 */

/** Allows the widget on any origin; the embedder's explicit choice, never a default. */
export const ANY_ORIGIN = "*";

/**
 * Scheme, `://` and an authority without userinfo, path, query, fragment, back slash, percent
 * escape or white space. `URL` alone would accept and quietly rewrite all of those.
 */
const ORIGIN_SHAPE = /^https?:\/\/[^/\\?#@%\s]+$/i;

/**
 * The origin as a browser sends it (host lower-cased, international names in punycode, a default
 * port dropped), or null when `value` is not an http(s) `scheme://host[:port]`.
 *
 * @example canonicalOrigin("https://Shop.Example:443") // "https://shop.example"
 * @example canonicalOrigin("https://shop.example/") // null: a trailing slash is a path
 */
export function canonicalOrigin(value: string): string | null {
  if (value === ANY_ORIGIN) return ANY_ORIGIN;
  if (!ORIGIN_SHAPE.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.hostname === "" || url.username !== "" || url.password !== "") return null;
  return url.origin;
}
