/** How long a row has waited, in words ("3 days"), for the queue's age column. Pure. */
const UNITS: [limitSeconds: number, seconds: number, one: string, many: string][] = [
  [3600, 60, "minute", "minutes"],
  [86_400, 3600, "hour", "hours"],
  [14 * 86_400, 86_400, "day", "days"],
  [61 * 86_400, 7 * 86_400, "week", "weeks"],
  [730 * 86_400, 30 * 86_400, "month", "months"],
  [Infinity, 365 * 86_400, "year", "years"],
];

export function formatAge(from: Date, now: Date): string {
  const seconds = Math.max(0, (now.getTime() - from.getTime()) / 1000);
  if (seconds < 60) return "under a minute";
  const [, size, one, many] = UNITS.find(([limit]) => seconds < limit) ?? UNITS[UNITS.length - 1];
  const n = Math.floor(seconds / size);
  return `${n} ${n === 1 ? one : many}`;
}
