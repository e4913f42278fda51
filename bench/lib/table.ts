/** Figures and tables for benchmark reports. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds for a table: "none" for 0 (no long task), one decimal below 10. */
export const formatMs = (ms: number) => (ms === 0 ? "none" : ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));

/** Bytes as MB with one decimal. */
export const formatMb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** "median / max" of the runs. */
export function medianAndMax(values: readonly number[], format: (value: number) => string): string {
  return `${format(median(values))} / ${format(Math.max(...values))}`;
}

/** A markdown table with every column padded to its widest cell; figures right-aligned, `leftAligned` columns not. */
export function markdownTable(headers: readonly string[], rows: readonly string[][], leftAligned: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const pad = (cell: string, i: number) => (leftAligned.has(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i]));
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (leftAligned.has(i) ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

