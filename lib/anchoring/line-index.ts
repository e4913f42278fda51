/**
 * An offset index over a text shown one line per block (the reading view renders each line as a
 * paragraph): code-point offsets <-> (line, UTF-16 column), by binary search. Built once per text; O(log lines) per lookup. Pure.
 */
import { cpLength, cpToUtf16, isBmpOnly, utf16ToCp } from "@/lib/anchoring/code-points";

export type TLineCol = { line: number; col: number };

export class LineIndex {
  readonly lines: string[];
  /** Code-point offset at which each line starts. */
  readonly cpStarts: Int32Array;
  readonly length: number;
  private readonly bmp: boolean[];

  constructor(text: string) {
    this.lines = text.split("\n");
    const n = this.lines.length;
    this.cpStarts = new Int32Array(n);
    this.bmp = new Array(n);
    let cp = 0;
    for (let i = 0; i < n; i++) {
      const line = this.lines[i];
      this.bmp[i] = isBmpOnly(line);
      this.cpStarts[i] = cp;
      cp += (this.bmp[i] ? line.length : cpLength(line)) + 1; // +1 for the "\n"
    }
    this.length = cp - 1;
  }

  private static search(starts: Int32Array, value: number): number {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The line and UTF-16 column of a code-point offset (the end of a line maps to its last column). */
  lineCol(cp: number): TLineCol {
    const clamped = Math.max(0, Math.min(cp, this.length));
    const line = LineIndex.search(this.cpStarts, clamped);
    const text = this.lines[line];
    return { line, col: cpToUtf16(text, clamped - this.cpStarts[line], this.bmp[line]) };
  }

  /** The code-point offset of a line and UTF-16 column. */
  offset(position: TLineCol): number {
    const text = this.lines[position.line] ?? "";
    const col = Math.max(0, Math.min(position.col, text.length));
    return this.cpStarts[position.line] + utf16ToCp(text, col, this.bmp[position.line]);
  }
}
