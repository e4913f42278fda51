/**
 * The document text cut at every span boundary, for renderers that mark spans inline. Spans may
 * overlap and nest: each piece carries the stack of spans covering it, outermost first, in an
 * order that never changes from piece to piece (start, then longest first, then number). A
 * renderer closes and reopens only where two neighbouring stacks differ, so markup always nests,
 * and a span that crosses another's end is split there. Offsets are code points; the text is
 * walked once. Pure.
 */
import { isBmpOnly } from "@/lib/anchoring/code-points";

export type TSpan = { n: number; start: number; end: number };

/**
 * `text`: a run of the document covered by `stack`; `ref`: the place right after `span` ends,
 * where its number goes, inside the spans that go on past it (`stack`).
 */
export type TPiece<S extends TSpan> = { kind: "text"; text: string; stack: S[] } | { kind: "ref"; span: S; stack: S[] };

function outerFirst(a: TSpan, b: TSpan): number {
  return a.start - b.start || b.end - a.end || a.n - b.n;
}

/** UTF-16 indexes of ascending code-point offsets, in one walk over the text. */
function toUtf16(text: string, cps: number[]): number[] {
  if (isBmpOnly(text)) return cps.map((cp) => Math.min(cp, text.length));
  const out: number[] = [];
  let units = 0;
  let cp = 0;
  for (const target of cps) {
    while (cp < target && units < text.length) {
      const c = text.charCodeAt(units);
      units += c >= 0xd800 && c <= 0xdbff && units + 1 < text.length ? 2 : 1;
      cp++;
    }
    out.push(units);
  }
  return out;
}

/** Spans outside the text or empty are left out (the notes still list them). */
export function segmentText<S extends TSpan>(text: string, spans: readonly S[], length: number): TPiece<S>[] {
  const placed = spans.filter((s) => s.start >= 0 && s.end <= length && s.end > s.start);
  const starts = new Map<number, S[]>();
  const ends = new Map<number, S[]>();
  for (const s of placed) {
    (starts.get(s.start) ?? starts.set(s.start, []).get(s.start)!).push(s);
    (ends.get(s.end) ?? ends.set(s.end, []).get(s.end)!).push(s);
  }
  const bounds = [...new Set([0, length, ...starts.keys(), ...ends.keys()])].sort((a, b) => a - b);
  const units = toUtf16(text, bounds);
  const pieces: TPiece<S>[] = [];
  let stack: S[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const ending = ends.get(bounds[i]);
    if (ending) {
      const gone = new Set(ending);
      stack = stack.filter((s) => !gone.has(s));
      for (const span of [...ending].sort((a, b) => a.n - b.n)) pieces.push({ kind: "ref", span, stack });
    }
    const starting = starts.get(bounds[i]);
    if (starting) stack = [...stack, ...starting].sort(outerFirst);
    if (i + 1 < bounds.length && units[i + 1] > units[i]) pieces.push({ kind: "text", text: text.slice(units[i], units[i + 1]), stack });
  }
  return pieces;
}

/** How many of two stacks' outermost spans they share: what stays open between two pieces. */
export function sharedDepth<S>(a: readonly S[], b: readonly S[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
