/** Calendar weeks for the dashboard: ISO weeks, Monday 00:00 UTC to the next Monday. Pure. */
const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week `date` falls in. */
export function weekStart(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/** The starts of the last `count` weeks, oldest first, the current week last. */
export function lastWeeks(now: Date, count: number): Date[] {
  const current = weekStart(now).getTime();
  return Array.from({ length: count }, (_, i) => new Date(current - (count - 1 - i) * 7 * DAY_MS));
}

const short = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const long = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "17 Nov", for axis labels. */
export function formatWeekShort(start: Date): string {
  return short.format(start);
}

/** "week of 17 November 2026", for captions and descriptions. */
export function formatWeekLong(start: Date): string {
  return `week of ${long.format(start)}`;
}
