import { DEMO } from "../../../scripts/lib/demo-data";
import type { BusinessHours, CreateSiteBody, Site, UpdateSiteBody } from "../../../src/protocol";
import { loginCookie } from "./agent-client";
import { apiJson } from "./api";
import type { DevServer } from "./dev-server";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** One sign-in per server: logins are rate limited per IP (10 a minute), and a test file changes settings often. */
const adminCookies = new WeakMap<DevServer, Promise<string>>();

/** The demo admin's session cookie, as the dashboard's settings page holds it. */
export function adminCookie(server: DevServer): Promise<string> {
  let cookie = adminCookies.get(server);
  if (!cookie) adminCookies.set(server, (cookie = loginCookie(server, DEMO.agents[0].email, DEMO.password)));
  return cookie;
}

/** Changes the demo site's settings over the admin API (SPEC §5 sites), as Settings does. */
export async function updateDemoSite(server: DevServer, body: UpdateSiteBody): Promise<Site> {
  return apiJson<Site>(server, `/api/sites/${DEMO.siteId}`, { method: "PATCH", body, cookie: await adminCookie(server) });
}

/** A new site of the demo workspace that the dev server's own pages may embed. */
export async function createSite(server: DevServer, body: Partial<CreateSiteBody> & { name: string }): Promise<Site> {
  return apiJson<Site>(server, "/api/sites", { body: { allowed_origins: [server.origin], ...body }, cookie: await adminCookie(server) });
}

/** The weekday (0 = Sunday) it is now in `timeZone`. */
export function weekdayIn(timeZone: string, at = Date.now()): number {
  return WEEKDAYS.indexOf(new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short" }).format(at));
}

/**
 * Business hours in `timezone` that are closed now: open 09:00–17:00 on one weekday only, `days`
 * calendar days from today there (2 to 6, so neither today's nor tomorrow's hours are in play).
 */
export function hoursOpeningIn(days: number, timezone: string): BusinessHours {
  return { timezone, days: [{ day: (weekdayIn(timezone) + days) % 7, open: "09:00", close: "17:00" }] };
}

/** `at` as a wall clock in `timeZone`: weekday (0 = Sunday) and "HH:MM". */
export function wallClockIn(timeZone: string, at: number): { weekday: number; time: string } {
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return { weekday: weekdayIn(timeZone, at), time };
}

/** Whole calendar days from `earlier` to `later` in `timeZone`. */
export function calendarDaysIn(timeZone: string, earlier: number, later: number): number {
  const day = (at: number) => Date.parse(`${new Intl.DateTimeFormat("en-CA", { timeZone }).format(at)}T00:00:00Z`);
  return Math.round((day(later) - day(earlier)) / 86_400_000);
}
