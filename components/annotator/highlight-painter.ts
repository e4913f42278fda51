/**
 * Paints annotation spans with the CSS Custom Highlight API: one Highlight per status (so a
 * recolour moves one Range between two sets) plus one for the marked annotation. Ranges are built
 * from the line index by binary search, never by walking the DOM; nothing is added to the content.
 */
import type { TextLines } from "@/components/annotator/text-lines";
import type { LineIndex } from "@/lib/anchoring/line-index";
import { STATUSES, type TStatus } from "@/lib/statuses";

export type TSpan = { id: string; start: number; end: number; status: TStatus };

export const highlightName = (status: TStatus) => `pv-${status.toLowerCase().replace(/_/g, "-")}`;
export const SELECTED_HIGHLIGHT = "pv-selected";

export function highlightsSupported(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
}

export class HighlightPainter {
  private readonly sets = new Map<TStatus, Highlight>();
  private readonly selected: Highlight;
  private readonly painted = new Map<string, { range: Range; status: TStatus; start: number; end: number }>();
  /** The line paragraphs, taken once: indexing a live HTMLCollection far from its last index walks it. */
  private readonly lines: readonly Element[];

  constructor(
    private readonly root: HTMLElement,
    private readonly index: LineIndex,
    lines: TextLines,
  ) {
    this.lines = lines.paragraphs;
    STATUSES.forEach((status, i) => {
      const highlight = new Highlight();
      highlight.priority = i;
      this.sets.set(status, highlight);
      CSS.highlights.set(highlightName(status), highlight);
    });
    this.selected = new Highlight();
    this.selected.priority = STATUSES.length + 1;
    CSS.highlights.set(SELECTED_HIGHLIGHT, this.selected);
  }

  /** The DOM point of a code-point offset: the line's text node, or its empty paragraph. */
  private point(cp: number): [Node, number] {
    const { line, col } = this.index.lineCol(cp);
    const paragraph = this.lines[line];
    const text = paragraph?.firstChild;
    if (text && text.nodeType === Node.TEXT_NODE) return [text, col];
    return [paragraph ?? this.root, 0];
  }

  rangeFor(span: { start: number; end: number }): Range {
    const range = new Range();
    const [startNode, startOffset] = this.point(span.start);
    const [endNode, endOffset] = this.point(span.end);
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    return range;
  }

  /** Replaces everything painted. */
  setAll(spans: readonly TSpan[]) {
    for (const set of this.sets.values()) set.clear();
    this.painted.clear();
    for (const span of spans) this.add(span);
  }

  private add(span: TSpan) {
    const range = this.rangeFor(span);
    this.sets.get(span.status)?.add(range);
    this.painted.set(span.id, { range, status: span.status, start: span.start, end: span.end });
  }

  /**
   * Adds, moves or recolours one span; only its own range changes, and it stays marked if it was.
   * Returns whether anything changed.
   */
  upsert(span: TSpan): boolean {
    const old = this.painted.get(span.id);
    if (old && old.status === span.status && old.start === span.start && old.end === span.end) return false;
    const marked = old !== undefined && this.selected.has(old.range);
    if (old) this.remove(span.id);
    this.add(span);
    if (marked) this.selected.add(this.painted.get(span.id)!.range);
    return true;
  }

  /** Returns whether it was painted. */
  remove(id: string): boolean {
    const old = this.painted.get(id);
    if (!old) return false;
    this.sets.get(old.status)?.delete(old.range);
    this.selected.delete(old.range);
    this.painted.delete(id);
    return true;
  }

  /**
   * Makes the painted set equal `spans`, touching only what was added, moved, recoloured or
   * removed; returns how many spans changed.
   */
  sync(spans: readonly TSpan[]): number {
    let changed = 0;
    const keep = new Set(spans.map((s) => s.id));
    for (const id of [...this.painted.keys()]) if (!keep.has(id) && this.remove(id)) changed++;
    for (const span of spans) if (this.upsert(span)) changed++;
    return changed;
  }

  /** Marks the chosen annotations (a stronger, non-colour-only style). */
  mark(ids: readonly string[]) {
    this.selected.clear();
    for (const id of ids) {
      const painted = this.painted.get(id);
      if (painted) this.selected.add(painted.range);
    }
  }

  /** The paragraph element holding a code-point offset, to scroll to. */
  elementAt(cp: number): Element | null {
    return this.lines[this.index.lineCol(cp).line] ?? null;
  }

  get size(): number {
    return this.painted.size;
  }

  destroy() {
    for (const status of STATUSES) CSS.highlights.delete(highlightName(status));
    CSS.highlights.delete(SELECTED_HIGHLIGHT);
  }
}
