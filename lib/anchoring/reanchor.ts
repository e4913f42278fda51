/**
 * Finding an imported quote again in a text (W3C or Hypothesis annotations made on another copy
 * or an older revision). In order: the old position if it still holds the quote ("anchored"); else
 * the exact occurrence whose context best matches the prefix and suffix, nearest the old position;
 * else an approximate match near the old position, within an error budget (both "moved"); else
 * "failed" with the reason. Offsets in and out are code points. Pure.
 */
import search from "approx-string-match";
import { isBmpOnly } from "@/lib/anchoring/code-points";

/** At most this share of the quote's characters may differ in an approximate match. */
export const FUZZY_ERROR_RATE = 0.2;
/** UTF-16 units searched on each side of the old position (the whole text when there is none). */
export const FUZZY_WINDOW = 4096;
/** Quotes shorter than this (code points) match approximately only when some of their context does too. */
const SHORT_QUOTE = 32;
const SHORT_QUOTE_MIN_CONTEXT = 0.25;
/** How much nearness to the old position counts against context (0..1 each): context decides, nearness breaks ties. */
const PROXIMITY_WEIGHT = 0.2;
/** More occurrences than this of one quote are not all scored (a word repeated everywhere). */
const MAX_OCCURRENCES = 20_000;

export type TAnchorTarget = {
  exact: string;
  prefix: string;
  suffix: string;
  /** The old position, when the import has one: a hint once the text has been edited. */
  start: number | null;
  end: number | null;
  /**
   * What the old position counts: code points (W3C TextPositionSelector, our own exports) or
   * UTF-16 units (Hypothesis, in the text of the page it was made on).
   */
  positionUnit?: "code-points" | "utf-16";
};

export type TAnchorResult =
  | { state: "anchored"; start: number; end: number; exact: string; similarity: 1; how: "position" }
  | { state: "moved"; start: number; end: number; exact: string; similarity: number; how: "quote" | "fuzzy" }
  | { state: "failed"; reason: string };

/** A text prepared once for many look-ups: its length and the code-point ↔ UTF-16 mapping. */
export class AnchorText {
  readonly text: string;
  /** Length in code points. */
  readonly length: number;
  /** UTF-16 index where each code point starts, plus the end; null when every code point is one unit. */
  private readonly starts: Uint32Array | null;

  constructor(text: string) {
    this.text = text;
    if (isBmpOnly(text)) {
      this.starts = null;
      this.length = text.length;
      return;
    }
    const starts = new Uint32Array(text.length + 1);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      starts[n++] = i;
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
    starts[n] = text.length;
    this.starts = starts.subarray(0, n + 1);
    this.length = n;
  }

  /** UTF-16 index of code point `cp` (clamped to the text). */
  toUnits(cp: number): number {
    const c = Math.max(0, Math.min(cp, this.length));
    return this.starts ? this.starts[c] : c;
  }

  /** The text between code points `start` and `end`. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUnits(start), this.toUnits(end));
  }

  /** Code point at UTF-16 index `units`; inside a surrogate pair, the pair's own code point (or the next, with `up`). */
  toCp(units: number, up = false): number {
    const u = Math.max(0, Math.min(units, this.text.length));
    if (!this.starts) return u;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return up && this.starts[lo] < u ? lo + 1 : lo;
  }
}

/** Characters of `prefix` that the text repeats just before `at`, counted back from the quote. */
function exactPrefixAgreement(text: string, at: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && at - n - 1 >= 0 && text.charCodeAt(at - n - 1) === prefix.charCodeAt(prefix.length - n - 1)) n++;
  return n;
}

/** Characters of `suffix` that the text repeats from `at` on. */
function exactSuffixAgreement(text: string, at: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && at + n < text.length && text.charCodeAt(at + n) === suffix.charCodeAt(n)) n++;
  return n;
}

/** Extra characters of text read beside the context, for an approximate match that needs them. */
const CONTEXT_SLACK = 8;

/**
 * How much of a context the text repeats next to the quote when it does not repeat it exactly: its
 * characters less the edits an approximate match needs (a context typed by hand, or copied from a
 * page whose spacing differs), whitespace at the join with the quote not counted. `side` "before":
 * the context ends where the quote begins; "after": it begins where the quote ends.
 */
function approximateAgreement(window: string, context: string, side: "before" | "after"): number {
  const pattern = side === "before" ? context.trimEnd() : context.trimStart();
  const near = side === "before" ? window.trimEnd() : window.trimStart();
  if (pattern.length === 0 || near.length === 0) return 0;
  // The library answers the matches with the fewest errors anywhere in the window: characters
  // between one and the quote count against it as errors too.
  let best = 0;
  for (const m of search(near, pattern, Math.floor(pattern.length / 2))) {
    const gap = side === "before" ? near.length - m.end : m.start;
    best = Math.max(best, pattern.length - m.errors - gap);
  }
  return best;
}

function prefixAgreement(text: string, at: number, prefix: string): number {
  const exact = exactPrefixAgreement(text, at, prefix);
  if (exact === prefix.length) return exact;
  return Math.max(exact, approximateAgreement(text.slice(Math.max(0, at - prefix.length - CONTEXT_SLACK), at), prefix, "before"));
}

function suffixAgreement(text: string, at: number, suffix: string): number {
  const exact = exactSuffixAgreement(text, at, suffix);
  if (exact === suffix.length) return exact;
  return Math.max(exact, approximateAgreement(text.slice(at, at + suffix.length + CONTEXT_SLACK), suffix, "after"));
}

type TCandidate = { from: number; to: number; context: number; score: number };

/** Context agreement (0..1) and the overall score of a span [from, to) in UTF-16 units. */
function candidate(text: string, from: number, to: number, target: TAnchorTarget, hint: number | null): TCandidate {
  const total = target.prefix.length + target.suffix.length;
  const context = total === 0 ? 0 : (prefixAgreement(text, from, target.prefix) + suffixAgreement(text, to, target.suffix)) / total;
  const proximity = hint === null || text.length === 0 ? 0 : 1 - Math.min(1, Math.abs(from - hint) / text.length);
  return { from, to, context, score: context + PROXIMITY_WEIGHT * proximity };
}

function best<T extends TCandidate>(candidates: T[]): T | null {
  let top: T | null = null;
  for (const c of candidates) if (!top || c.score > top.score) top = c;
  return top;
}

/** The old position as code points within the text, or null when there is none or it lies outside. */
function oldSpan(text: AnchorText, target: TAnchorTarget): { start: number; end: number } | null {
  const { start, end } = target;
  if (start === null || end === null || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) return null;
  if (target.positionUnit === "utf-16") {
    if (end > text.text.length) return null;
    return { start: text.toCp(start), end: text.toCp(end, true) };
  }
  return end > text.length ? null : { start, end };
}

/** Where the old position starts, in UTF-16 units, for nearness; clamped into the text. */
function hintUnits(text: AnchorText, target: TAnchorTarget): number | null {
  if (target.start === null || !Number.isInteger(target.start) || target.start < 0) return null;
  return target.positionUnit === "utf-16" ? Math.min(target.start, text.text.length) : text.toUnits(target.start);
}

/** Occurrences of the quote starting within [from, to) of the text, in UTF-16 units. */
function exactOccurrences(text: string, exact: string, target: TAnchorTarget, hint: number | null, from = 0, to = text.length): TCandidate[] {
  const found: TCandidate[] = [];
  for (let i = text.indexOf(exact, from); i !== -1 && i < to && found.length < MAX_OCCURRENCES; i = text.indexOf(exact, i + 1)) {
    found.push(candidate(text, i, i + exact.length, target, hint));
  }
  return found;
}

/**
 * The best exact occurrence. Near the old position first: one there whose whole context agrees
 * beats any further away, so the rest of the text is read only when none does.
 */
function bestOccurrence(text: string, exact: string, target: TAnchorTarget, hint: number | null): TCandidate | null {
  if (hint !== null) {
    const near = best(exactOccurrences(text, exact, target, hint, Math.max(0, hint - FUZZY_WINDOW), hint + FUZZY_WINDOW));
    if (near && near.context === 1) return near;
  }
  return best(exactOccurrences(text, exact, target, hint));
}

/** The approximate matches of the quote within the window around `hint` (the whole text without one). */
function fuzzyMatches(text: string, exact: string, maxErrors: number, target: TAnchorTarget, hint: number | null) {
  const from = hint === null ? 0 : Math.max(0, hint - FUZZY_WINDOW);
  const to = hint === null ? text.length : Math.min(text.length, hint + exact.length + FUZZY_WINDOW);
  return search(text.slice(from, to), exact, maxErrors).map((m) => ({ ...candidate(text, from + m.start, from + m.end, target, hint), errors: m.errors }));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The quote at its old position when it is still there (the first and cheapest step of `reanchor`), else null. */
export function anchorInPlace(text: AnchorText, target: TAnchorTarget): TAnchorResult | null {
  const { exact } = target;
  if (!exact) return null;
  const old = oldSpan(text, target);
  return old && text.slice(old.start, old.end) === exact ? { state: "anchored", ...old, exact, similarity: 1, how: "position" } : null;
}

/** Finds one imported quote in a prepared text. */
export function reanchor(text: AnchorText, target: TAnchorTarget): TAnchorResult {
  const { exact } = target;
  if (!exact) return { state: "failed", reason: "It has no quote to look for" };
  const s = text.text;

  const inPlace = anchorInPlace(text, target);
  if (inPlace) return inPlace;

  const hint = hintUnits(text, target);
  const exactHit = bestOccurrence(s, exact, target, hint);
  if (exactHit) {
    return { state: "moved", start: text.toCp(exactHit.from), end: text.toCp(exactHit.to, true), exact, similarity: 1, how: "quote" };
  }

  const quoteLength = Array.from(exact).length;
  const maxErrors = Math.floor(quoteLength * FUZZY_ERROR_RATE);
  const where = hint === null ? "anywhere in the text" : "near its old position";
  if (maxErrors === 0) return { state: "failed", reason: "The quote is not in the text, and it is too short to look for an approximate match" };
  const hasContext = target.prefix.length + target.suffix.length > 0;
  const acceptable = fuzzyMatches(s, exact, maxErrors, target, hint).filter(
    (m) => m.to > m.from && (quoteLength >= SHORT_QUOTE || !hasContext || m.context >= SHORT_QUOTE_MIN_CONTEXT),
  );
  const fuzzyHit = best(acceptable);
  if (!fuzzyHit) {
    return { state: "failed", reason: `The quote is not in the text, and nothing with at most ${plural(maxErrors, "difference", "differences")} was found ${where}` };
  }
  const start = text.toCp(fuzzyHit.from);
  const end = text.toCp(fuzzyHit.to, true);
  return {
    state: "moved",
    start,
    end,
    exact: text.slice(start, end),
    similarity: Math.round((1 - fuzzyHit.errors / exact.length) * 100) / 100,
    how: "fuzzy",
  };
}

/** Finds many quotes in one text, preparing it once. */
export function reanchorAll(text: string, targets: TAnchorTarget[]): TAnchorResult[] {
  const prepared = new AnchorText(text);
  return targets.map((t) => reanchor(prepared, t));
}
