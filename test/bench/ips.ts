/**
 * A fresh client address for every connection and request (`CF-Connecting-IP`): Parley limits
 * session inits, socket upgrades and logins per address (wrangler.toml `[[ratelimits]]`), and
 * `wrangler dev` simulates those limiters, so one address would be refused after 120 a minute.
 */
let next = 0;

export function nextIp(): string {
  const n = next++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
