import { describe, expect, it } from "vitest";
import { dayLabel, daysBetween, sameDay } from "../../widget/shared/calendar-days";

/** Local wall-clock times, so the cases hold in whatever time zone the tests run. */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute);
const WORDS = { today: "Today", yesterday: "Yesterday", date: (ms: number) => `date of ${new Date(ms).getDate()}` };

/** The day rule of the widget's and the dashboard's separators (widget/shared/calendar-days.ts). */
describe("calendar days", () => {
  it("counts calendar days in local time, not 24-hour spans", () => {
    expect(daysBetween(at(3, 23, 59).getTime(), at(4, 0, 1).getTime())).toBe(1);
    expect(daysBetween(at(3, 0, 1).getTime(), at(3, 23, 59).getTime())).toBe(0);
    expect(sameDay(at(3, 23, 59).toISOString(), at(4, 0, 1).toISOString())).toBe(false);
    expect(sameDay(at(3, 0, 1).toISOString(), at(3, 23, 59).toISOString())).toBe(true);
  });

  it("says Today, Yesterday, then the date, in the caller's words", () => {
    const now = at(10, 0, 5).getTime();
    expect(dayLabel(at(10, 0, 0).toISOString(), now, WORDS)).toBe("Today");
    expect(dayLabel(at(9, 23, 59).toISOString(), now, WORDS)).toBe("Yesterday");
    expect(dayLabel(at(8, 12).toISOString(), now, WORDS)).toBe("date of 8");
  });
});
