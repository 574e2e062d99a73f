/**
 * Loopback, private (RFC 1918, IPv6 unique local) and link-local addresses. Cloudflare never
 * reports one of these as a client's address; `wrangler dev` reports the caller's own (127.0.0.1,
 * or a phone on the developer's network).
 */
const LOCAL_ADDRESS = /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|::1$|::ffff:127\.|f[cd][0-9a-f]{2}:|fe[89ab][0-9a-f]:)/i;

export interface ClientPlace {
  country: string | null;
  city: string | null;
}

/**
 * Where the caller is, from Cloudflare's `request.cf`, only when the request came from the
 * internet through Cloudflare. Under `wrangler dev` `request.cf` is a fixed placeholder (Austin,
 * United States) or the developer's own location, never the visitor's, so a caller on a local
 * address (or without `CF-Connecting-IP`) has no known place.
 */
export function clientPlace(request: Request): ClientPlace {
  const address = request.headers.get("CF-Connecting-IP");
  if (!address || LOCAL_ADDRESS.test(address)) return { country: null, city: null };
  const cf = request.cf as { country?: string; city?: string } | undefined;
  return { country: cf?.country ?? null, city: cf?.city ?? null };
}
