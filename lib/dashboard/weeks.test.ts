import { describe, expect, it } from "vitest";
import { formatWeekLong, formatWeekShort, lastWeeks, weekStart } from "./weeks";

describe("dashboard weeks", () => {
  it("a week starts on Monday 00:00 UTC, whatever the day and hour", () => {
    expect(weekStart(new Date("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // a Monday
    expect(weekStart(new Date("2026-11-29T23:59:59Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // the Sunday after
    expect(weekStart(new Date("2026-11-22T23:59:59Z")).toISOString()).toBe("2026-11-16T00:00:00.000Z"); // the Sunday before
    expect(weekStart(new Date("2027-01-01T12:00:00Z")).toISOString()).toBe("2026-12-28T00:00:00.000Z"); // across the year
  });

  it("lists the last weeks oldest first, ending with the current one", () => {
    const weeks = lastWeeks(new Date("2026-11-25T10:00:00Z"), 8);
    expect(weeks).toHaveLength(8);
    expect(weeks[0].toISOString()).toBe("2026-10-05T00:00:00.000Z");
    expect(weeks[7].toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(formatWeekShort(weeks[7])).toBe("23 Nov");
    expect(formatWeekLong(weeks[7])).toBe("week of 23 November 2026");
  });
});
