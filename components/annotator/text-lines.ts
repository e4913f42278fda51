/**
 * How the document text sits in the DOM: one <p> per line, the lines grouped in blocks of
 * LINES_PER_BLOCK (<div class="text-block">) directly under the text root. The blocks let the browser
 * skip style, layout and paint of everything far from the viewport (content-visibility: auto on ~50
 * blocks, rather than on 5,000 paragraphs, each of which would cost an intersection check per frame).
 *
 * A hard-wrapped text's lines also carry their part in a reflowed paragraph (lib/documents/reflow.ts):
 * "rf-s" starts one, "rf-j" joins it (after a space CSS generates; with "rf-t", the second half of a
 * word hyphenated across the break, without one), "rf-e" ends it, "rf-h" is a blank line of spacing
 * inside it. CSS shows them so only under "Reflow lines" (.document-text.reflowed);
 * the <p> per line stays, so offsets, selections and highlights are exactly what they are without it.
 */
import { LINE, lineRoles, type TLineRole } from "@/lib/documents/reflow";

export const LINES_PER_BLOCK = 100;
/**
 * Characters on one rendered line of the text column (46rem of 1.05rem Georgia) and its line height
 * (1.6): a block that has never been rendered stands in at this estimate of its height, so that the
 * scroll bar is about right before the reader gets there (once rendered, its real height is kept).
 */
const CHARS_PER_ROW = 85;
const ROW_EM = 1.6;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const escapeHtml = (text: string) => (/[&<>]/.test(text) ? text.replace(/[&<>]/g, (c) => HTML_ESCAPES[c]) : text);

/**
 * An empty line holds a <br> so that the caret can stop on it, as in any editable text. A line where
 * a page begins carries the page number; CSS draws the marker (generated content is neither in the
 * text nor in any selection, so offsets and copied text are unchanged).
 */
const paragraphHtml = (line: string, pages?: string, reflow?: string) => {
  const attributes = (pages ? ` data-pages="${pages}" id="page-${pages.split("–")[0]}"` : "") + (reflow ? ` class="${reflow}"` : "");
  return line === "" ? `<p${attributes}><br></p>` : `<p${attributes}>${line}</p>`;
};

/** Each line's reflow class (see above), "" for a line shown as it is. A line where a page begins starts a paragraph. */
function reflowClasses(roles: TLineRole[], pages: Map<number, string>): string[] {
  const role = roles.map((r, i) => (pages.has(i) ? LINE.START : r));
  const continues = (i: number) => i < role.length && role[i] !== LINE.START;
  return role.map((r, i) => {
    if (r === LINE.HIDDEN) return "rf-h";
    if (r === LINE.JOIN || r === LINE.JOIN_TIGHT) {
      const join = r === LINE.JOIN ? "rf-j" : "rf-j rf-t";
      return continues(i + 1) ? join : `${join} rf-e`;
    }
    return continues(i + 1) ? "rf-s" : "";
  });
}

/** By line number, the pages that begin on that line ("5", or "3–4" where empty pages share it). */
function pagesByLine(text: string, pageStarts: readonly number[]): Map<number, string> {
  const byLine = new Map<number, string>();
  if (pageStarts.length === 0) return byLine;
  let line = 0;
  let cp = 0;
  let next = 0;
  const add = (page: number) => {
    const first = byLine.get(line);
    byLine.set(line, first ? `${first.split("–")[0]}–${page}` : String(page));
  };
  for (const char of text) {
    while (next < pageStarts.length && pageStarts[next] <= cp) add(++next);
    if (char === "\n") line++;
    cp++;
  }
  while (next < pageStarts.length) add(++next);
  return byLine;
}

function estimatedRows(lines: readonly string[]): number {
  return lines.reduce((rows, line) => rows + Math.max(1, Math.ceil(line.length / CHARS_PER_ROW)), 0);
}

/**
 * The text as HTML: its lines as paragraphs, in blocks (see above), and whether it has lines to
 * reflow. Built on the server with the page and again on the client (hydration reads it only as a
 * prop), so escaped in one pass over the text. A block ends only where a paragraph begins, so that
 * no reflowed paragraph is cut in two.
 */
export function textHtml(text: string, pageStarts: readonly number[] = []): { html: string; reflowable: boolean } {
  const lines = escapeHtml(text).split("\n");
  const pages = pagesByLine(text, pageStarts);
  const roles = lineRoles(text.split("\n"));
  const reflow = reflowClasses(roles, pages);
  let html = "";
  for (let i = 0; i < lines.length; ) {
    let end = Math.min(i + LINES_PER_BLOCK, lines.length);
    while (end < lines.length && reflow[end] !== "" && reflow[end] !== "rf-s") end++;
    const block = lines.slice(i, end);
    const height = (estimatedRows(block) * ROW_EM).toFixed(1);
    html += `<div class="text-block" style="contain-intrinsic-block-size:auto ${height}em">${block.map((line, j) => paragraphHtml(line, pages.get(i + j), reflow[i + j])).join("")}</div>`;
    i = end;
  }
  return { html, reflowable: roles.some((role) => role === LINE.JOIN || role === LINE.JOIN_TIGHT) };
}

/**
 * The line paragraphs under a text root, in order (taken once: the text never changes under a mounted
 * view). One instance serves the text (selections, clicks) and the highlight painter.
 */
export class TextLines {
  readonly paragraphs: readonly Element[];
  /** Line by paragraph: built on the first selection or click, not while the view opens. */
  private lineMap: Map<Element, number> | undefined;

  constructor(private readonly root: HTMLElement) {
    this.paragraphs = Array.from(root.getElementsByTagName("p"));
  }

  private get lineOf(): Map<Element, number> {
    this.lineMap ??= new Map(this.paragraphs.map((p, i) => [p, i]));
    return this.lineMap;
  }

  /** The end of a line, in UTF-16 units. */
  private lineEnd(line: number) {
    return { line, col: this.paragraphs[line]?.textContent?.length ?? 0 };
  }

  /** The point before children[offset] (a block or a paragraph), or after the last child. */
  private before(children: HTMLCollection, offset: number): { line: number; col: number } | null {
    const child = children[offset];
    if (child) {
      const line = this.lineOf.get(child) ?? this.lineOf.get(child.firstElementChild as Element);
      return line === undefined ? null : { line, col: 0 };
    }
    const last = children[children.length - 1];
    const line = last && (this.lineOf.get(last) ?? this.lineOf.get(last.lastElementChild as Element));
    return line === undefined ? null : this.lineEnd(line);
  }

  /**
   * The line and UTF-16 column of a DOM point inside the text root: a point in a paragraph's text
   * node, on a paragraph (before/after its children), between paragraphs of a block or between blocks.
   */
  pointToLineCol(node: Node, offset: number): { line: number; col: number } | null {
    if (node === this.root || (node instanceof Element && node.parentElement === this.root)) return this.before((node as Element).children, offset);
    const paragraph = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
    const line = paragraph ? this.lineOf.get(paragraph) : undefined;
    // The <br> of an empty line: its only place.
    if (line === undefined) {
      const holder = paragraph?.parentElement ? this.lineOf.get(paragraph.parentElement) : undefined;
      return holder === undefined ? null : { line: holder, col: 0 };
    }
    if (node.nodeType === Node.TEXT_NODE) return { line, col: offset };
    return offset === 0 ? { line, col: 0 } : this.lineEnd(line);
  }
}
