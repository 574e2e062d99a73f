import { describe, expect, it } from "vitest";
import { isOpenAt, nextOpeningAfter } from "../../src/availability/business-hours";
import { siteAvailability } from "../../src/availability/site-availability";
import type { BusinessHours, OpeningRange } from "../../src/protocol";

/** Monday to Friday, 09:00–17:00 wall-clock time. */
function weekdays(timezone: string, open = "09:00", close = "17:00"): BusinessHours {
  const days: OpeningRange[] = [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));
  return { timezone, days };
}

const at = (iso: string) => Date.parse(iso);
const next = (hours: BusinessHours, iso: string) => {
  const opening = nextOpeningAfter(hours, at(iso));
  return opening === null ? null : new Date(opening).toISOString();
};

describe("business hours against the clock (SPEC §12)", () => {
  const berlin = weekdays("Europe/Berlin");

  it("opens exactly at the opening minute and closes exactly at the closing one", () => {
    // Tuesday 1 December 2026; Berlin is UTC+1 in winter.
    expect(isOpenAt(berlin, at("2026-12-01T07:59:59.999Z"))).toBe(false);
    expect(isOpenAt(berlin, at("2026-12-01T08:00:00.000Z"))).toBe(true);
    expect(isOpenAt(berlin, at("2026-12-01T15:59:59.999Z"))).toBe(true);
    expect(isOpenAt(berlin, at("2026-12-01T16:00:00.000Z"))).toBe(false);
  });

  it("names the next opening: later today, tomorrow, or after the weekend", () => {
    expect(next(berlin, "2026-12-01T07:59:00Z")).toBe("2026-12-01T08:00:00.000Z");
    expect(next(berlin, "2026-12-01T16:00:00Z")).toBe("2026-12-02T08:00:00.000Z");
    expect(next(berlin, "2026-12-04T16:30:00Z")).toBe("2026-12-07T08:00:00.000Z");
    // Open now: the next opening is tomorrow's, never the current one.
    expect(next(berlin, "2026-12-01T10:00:00Z")).toBe("2026-12-02T08:00:00.000Z");
  });

  it("reads the weekday in the site's zone when that zone is on another date than UTC", () => {
    const losAngeles = weekdays("America/Los_Angeles");
    // Tuesday 00:30 UTC is Monday 16:30 in Los Angeles (UTC-8): open.
    expect(isOpenAt(losAngeles, at("2026-12-01T00:30:00Z"))).toBe(true);
    // Saturday 00:30 UTC is Friday 16:30 there: still open, though UTC says Saturday.
    expect(isOpenAt(losAngeles, at("2026-12-05T00:30:00Z"))).toBe(true);
    expect(isOpenAt(losAngeles, at("2026-12-05T01:00:00Z"))).toBe(false);
    expect(next(losAngeles, "2026-12-05T01:00:00Z")).toBe("2026-12-07T17:00:00.000Z");

    // Monday 00:00–08:00 in Tokyo (UTC+9) is Sunday 15:00–23:00 UTC.
    const tokyo: BusinessHours = { timezone: "Asia/Tokyo", days: [{ day: 1, open: "00:00", close: "08:00" }] };
    expect(isOpenAt(tokyo, at("2026-11-29T14:59:00Z"))).toBe(false);
    expect(isOpenAt(tokyo, at("2026-11-29T15:00:00Z"))).toBe(true);
    expect(isOpenAt(tokyo, at("2026-11-29T23:00:00Z"))).toBe(false);
    expect(next(tokyo, "2026-11-29T12:00:00Z")).toBe("2026-11-29T15:00:00.000Z");
  });

  it("keeps 09:00 at 09:00 across the spring change: the instant moves an hour", () => {
    // Berlin leaves winter time on Sunday 29 March 2026: Friday 09:00 is 08:00 UTC, Monday's 07:00 UTC.
    expect(next(berlin, "2026-03-27T16:00:00Z")).toBe("2026-03-30T07:00:00.000Z");
    expect(isOpenAt(berlin, at("2026-03-30T06:59:00Z"))).toBe(false);
    expect(isOpenAt(berlin, at("2026-03-30T07:00:00Z"))).toBe(true);
    // New York changes on 8 March: Friday 09:00 is 14:00 UTC, Monday's 13:00 UTC.
    const newYork = weekdays("America/New_York");
    expect(next(newYork, "2026-03-06T23:00:00Z")).toBe("2026-03-09T13:00:00.000Z");
  });

  it("keeps 09:00 at 09:00 across the autumn change", () => {
    // Berlin returns to winter time on Sunday 25 October 2026.
    expect(next(berlin, "2026-10-23T16:00:00Z")).toBe("2026-10-26T08:00:00.000Z");
    expect(isOpenAt(berlin, at("2026-10-26T07:59:00Z"))).toBe(false);
    expect(isOpenAt(berlin, at("2026-10-26T08:00:00Z"))).toBe(true);
  });

  it("opens at the jump when the opening time is skipped, and at the first of a doubled hour", () => {
    // 02:30 does not exist in Berlin on 29 March 2026: the clock goes from 02:00 to 03:00 (01:00 UTC).
    const skipped: BusinessHours = { timezone: "Europe/Berlin", days: [{ day: 0, open: "02:30", close: "05:00" }] };
    expect(next(skipped, "2026-03-28T12:00:00Z")).toBe("2026-03-29T01:00:00.000Z");
    expect(isOpenAt(skipped, at("2026-03-29T01:00:00Z"))).toBe(true);
    // 02:30 happens twice on 25 October 2026 (00:30 and 01:30 UTC): the first one opens.
    expect(next(skipped, "2026-10-24T12:00:00Z")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("treats a night shift split at midnight as one stretch", () => {
    const nights: BusinessHours = {
      timezone: "UTC",
      days: [
        { day: 1, open: "22:00", close: "24:00" },
        { day: 2, open: "00:00", close: "06:00" },
      ],
    };
    expect(isOpenAt(nights, at("2026-11-30T23:59:00Z"))).toBe(true);
    expect(isOpenAt(nights, at("2026-12-01T00:00:00Z"))).toBe(true);
    expect(isOpenAt(nights, at("2026-12-01T06:00:00Z"))).toBe(false);
    // Open on Monday night: the next opening is next Monday's 22:00, not Tuesday's 00:00.
    expect(next(nights, "2026-11-30T23:00:00Z")).toBe("2026-12-07T22:00:00.000Z");
  });

  it("is never open with no ranges, and then has no next opening", () => {
    const never: BusinessHours = { timezone: "Europe/Berlin", days: [] };
    expect(isOpenAt(never, at("2026-12-01T10:00:00Z"))).toBe(false);
    expect(next(never, "2026-12-01T10:00:00Z")).toBeNull();
  });
});

describe("a site's availability (SPEC §12)", () => {
  const hours = weekdays("Europe/Berlin");
  const tuesdayMorning = at("2026-12-01T07:00:00Z");
  const tuesdayNoon = at("2026-12-01T11:00:00Z");

  it("is available in hours, or always without hours, whether or not agents are online, unless the site asks for them", () => {
    const base = { businessHours: hours, onlyWhenAgentsOnline: false, agentsAvailable: false };
    expect(siteAvailability(base, tuesdayNoon)).toEqual({ available: true, agents_online: false });
    expect(siteAvailability({ ...base, businessHours: null }, tuesdayMorning)).toEqual({ available: true, agents_online: false });
    expect(siteAvailability({ ...base, onlyWhenAgentsOnline: true }, tuesdayNoon)).toEqual({ available: false, agents_online: false });
    expect(siteAvailability({ ...base, onlyWhenAgentsOnline: true, agentsAvailable: true }, tuesdayNoon)).toEqual({
      available: true,
      agents_online: true,
    });
  });

  it("says when it opens again only when hours are why it is closed", () => {
    const outside = siteAvailability({ businessHours: hours, onlyWhenAgentsOnline: true, agentsAvailable: true }, tuesdayMorning);
    expect(outside).toEqual({ available: false, next_open_at: "2026-12-01T08:00:00.000Z", agents_online: true });
  });
});
