/** Display helpers shared by pages. Pure. */
/**
 * Made on first use, not when the module loads: building a formatter with a time zone loads ICU data
 * (15-35 ms of the reading view's opening, in a trace), which a page need not wait for before it
 * formats its first date.
 */
let dateTime: Intl.DateTimeFormat | undefined;

export function formatDateTime(date: Date): string {
  dateTime ??= new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return `${dateTime.format(date)} UTC`;
}

/** A whole number with thousands separators, e.g. "10,000". */
export function formatNumber(n: number): string {
  return n.toLocaleString("en-GB");
}

export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** A size in characters (code points), e.g. "193,210 characters". */
export function formatLength(n: number): string {
  return formatCount(n, "character");
}

/** "1992", "March 1992" or "16 March 1992": a date published is as precise as it is known. */
export function formatPartialDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  if (!month || !Number.isInteger(year)) return date;
  const at = new Date(Date.UTC(year, month - 1, day || 1));
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", year: "numeric", month: "long", ...(day ? { day: "numeric" } : {}) }).format(at);
}
