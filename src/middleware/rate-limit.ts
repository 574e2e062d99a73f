import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

export interface RateLimitOptions {
  /** Which Workers rate-limit binding counts the requests. */
  binding: (env: Env) => RateLimit;
  /** What one caller is; requests with the same key share a budget. */
  key: (c: { req: { header(name: string): string | undefined } }) => string;
}

/** The client address as Cloudflare reports it; locally every caller is one address. */
export function clientIp(c: { req: { header(name: string): string | undefined } }): string {
  return c.req.header("CF-Connecting-IP") ?? "local";
}

/** Refuses with 429 `rate_limited` once a key has spent its budget (SPEC §10). */
export function rateLimit(options: RateLimitOptions) {
  return createMiddleware<AppEnv>(async function rateLimited(c, next) {
    const { success } = await options.binding(c.env).limit({ key: options.key(c) });
    if (!success) throw new ApiError(429, "rate_limited", "Too many requests; try again in a minute");
    await next();
  });
}

/** Socket upgrades per client address, widget and dashboard alike (SPEC §10). */
export const upgradeRateLimit = rateLimit({ binding: (env) => env.SOCKET_UPGRADE_LIMITER, key: (c) => `ip:${clientIp(c)}` });
