/** Display helpers shared by pages. Pure. */
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(date: Date): string {
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
