/**
 * Turns a DOM tree (a web article, or the HTML mammoth makes of a Word file) into lines of text:
 * each heading, paragraph, list item, blockquote, table row and pre block is one line; inside a
 * line, whitespace collapses to single spaces (as a browser renders it), except in <pre>. Pure:
 * works on any DOM, linkedom's here.
 */

/** Elements that end the current line before and after them. */
const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "CAPTION", "DD", "DETAILS", "DIALOG", "DIV", "DL", "DT", "FIELDSET",
  "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HGROUP", "HR", "LI",
  "MAIN", "NAV", "OL", "P", "SECTION", "SUMMARY", "TABLE", "TBODY", "TFOOT", "THEAD", "UL", "BODY", "HTML", "CENTER",
]);
/** Elements whose content is never text of the document. */
const NEVER_TEXT = new Set([
  "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "SVG", "CANVAS", "BUTTON", "INPUT", "SELECT",
  "TEXTAREA", "HEAD", "VIDEO", "AUDIO", "MAP", "TITLE", "META", "LINK",
]);
const HEADINGS = new Set(["H1", "H2", "H3", "H4", "H5", "H6"]);
/** A row whose cells hold any of these is page layout, not a data row: its cells are walked as blocks. */
const LAYOUT_IN_CELL = "p, div, ul, ol, table, h1, h2, h3, h4, h5, h6, blockquote, pre, li";

/** Joins the cells of a table row on its one line. */
export const CELL_SEPARATOR = " | ";

export type TLinesOptions = {
  /** Leaves an element out with everything in it (navigation in a fallback, back-links of footnotes). */
  skip?: (element: Element) => boolean;
};

export type TLines = { lines: string[]; firstHeading: string | null };

export function blockLines(root: Node, options: TLinesOptions = {}): TLines {
  const lines: string[] = [];
  let firstHeading: string | null = null;
  let pending = "";

  const flush = () => {
    const line = collapse(pending);
    pending = "";
    if (line) lines.push(line);
  };

  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        pending += (child as Text).data;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const tag = element.tagName.toUpperCase();
      if (NEVER_TEXT.has(tag) || isHidden(element) || options.skip?.(element)) continue;
      if (tag === "BR") {
        flush();
      } else if (tag === "PRE") {
        flush();
        const text = preText(element);
        if (text) lines.push(text);
      } else if (tag === "TR" && !element.querySelector(LAYOUT_IN_CELL)) {
        flush();
        const row = cellsOf(element).map((cell) => blockLines(cell, options).lines.join(" ")).filter(Boolean);
        if (row.length) lines.push(row.join(CELL_SEPARATOR));
      } else if (BLOCKS.has(tag) || tag === "TR" || tag === "TD" || tag === "TH") {
        flush();
        const before = lines.length;
        walk(element);
        flush();
        if (HEADINGS.has(tag) && firstHeading === null && lines.length > before) firstHeading = lines[before];
      } else {
        walk(element);
      }
    }
  };

  walk(root);
  flush();
  return { lines, firstHeading };
}

/** The text as a browser lays out inline content: runs of whitespace (no-break spaces too) are one space. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function preText(element: Element): string {
  // The parser drops a newline right after <pre>; linkedom keeps it.
  const text = (element.textContent ?? "").replace(/^\r?\n/, "").replace(/\s+$/, "");
  return text.trim() ? text : "";
}

function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  for (let child = row.firstElementChild; child; child = child.nextElementSibling) {
    const tag = child.tagName.toUpperCase();
    if ((tag === "TD" || tag === "TH") && !isHidden(child)) cells.push(child);
  }
  return cells;
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute("hidden") || element.getAttribute("aria-hidden") === "true") return true;
  const style = element.getAttribute("style");
  return !!style && /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}
