/** W3C Web Annotation selectors for a span of a text, in code points. Pure. */
import { cpLength, cpSlice, isBmpOnly } from "@/lib/anchoring/code-points";

export const CONTEXT_LENGTH = 32;

export type TQuoteSelector = { exact: string; prefix: string; suffix: string };
export type TPositionSelector = { start: number; end: number };

export type TSpanProblem = { field: "start" | "end" | "exact"; message: string };

/** Checks a span against a text: 0 <= start < end <= length, and `exact`, when given, matches. */
export function spanProblem(text: string, span: TPositionSelector & { exact?: string }, length = cpLength(text)): TSpanProblem | null {
  if (span.start < 0 || span.start >= length) return { field: "start", message: `The start must be between 0 and ${length - 1}` };
  if (span.end <= span.start) return { field: "end", message: "The end must come after the start" };
  if (span.end > length) return { field: "end", message: `The end must be at most ${length}, the document's length in code points` };
  if (span.exact !== undefined) {
    const actual = cpSlice(text, span.start, span.end);
    if (actual !== span.exact) return { field: "exact", message: `The text at ${span.start}–${span.end} is “${shorten(actual, 80)}”, not the quote sent` };
  }
  return null;
}

/** The quote with up to CONTEXT_LENGTH code points of context on each side. */
export function quoteSelector(text: string, span: TPositionSelector, length = cpLength(text)): TQuoteSelector {
  const bmp = isBmpOnly(text);
  return {
    exact: cpSlice(text, span.start, span.end, bmp),
    prefix: cpSlice(text, Math.max(0, span.start - CONTEXT_LENGTH), span.start, bmp),
    suffix: cpSlice(text, span.end, Math.min(length, span.end + CONTEXT_LENGTH), bmp),
  };
}

/** Shortens to at most `max` code points, with an ellipsis in the middle. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  if (chars.length <= max) return chars.join("");
  const head = Math.ceil((max - 1) * 0.6);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (max - 1 - head)).join("")}`;
}
