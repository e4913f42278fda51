/**
 * How the document text sits in the DOM: one <p> per line, the lines grouped in blocks of
 * LINES_PER_BLOCK (<div class="text-block">) directly under the text root. The blocks let the browser
 * skip style, layout and paint of everything far from the viewport (content-visibility: auto on ~50
 * blocks, rather than on 5,000 paragraphs, each of which would cost an intersection check per frame).
 */

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
const paragraphHtml = (line: string, pages?: string) => {
  const attributes = pages ? ` data-pages="${pages}" id="page-${pages.split("–")[0]}"` : "";
  return line === "" ? `<p${attributes}><br></p>` : `<p${attributes}>${line}</p>`;
};

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
 * The text as HTML: its lines as paragraphs, in blocks (see above). Built on the server with the page
 * and again on the client (hydration reads it only as a prop), so escaped in one pass over the text.
 */
export function textHtml(text: string, pageStarts: readonly number[] = []): string {
  const lines = escapeHtml(text).split("\n");
  const pages = pagesByLine(text, pageStarts);
  let html = "";
  for (let i = 0; i < lines.length; i += LINES_PER_BLOCK) {
    const block = lines.slice(i, i + LINES_PER_BLOCK);
    const height = (estimatedRows(block) * ROW_EM).toFixed(1);
    html += `<div class="text-block" style="contain-intrinsic-block-size:auto ${height}em">${block.map((line, j) => paragraphHtml(line, pages.get(i + j))).join("")}</div>`;
  }
  return html;
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
