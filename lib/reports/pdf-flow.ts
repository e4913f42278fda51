/**
 * Our own text flow for the PDF report: lines broken and placed here, then written straight into
 * the page's content stream, one text object a line, through pdfkit's embedded fonts (so the
 * subset, widths and ToUnicode map that make the text selectable and extractable stay pdfkit's).
 *
 * Why not pdfkit's `text()`: a report of 2,000 notes takes some 30,000 text calls, and each costs
 * pdfkit an options merge, a line-breaking pass (the Unicode algorithm), a width measure, a second
 * layout to encode the glyphs, and its own q/BT/Tm/Tf/ET/Q; that was most of a 5-second render.
 * Here a paragraph of styled runs is cut into words once, each word measured from the face's
 * shared layout cache and encoded once per document, and a line of several runs is one text
 * object. pdfkit also loses its place when a continued run wraps (a run's number could land
 * inside the next word); lines laid out here are placed where they are measured.
 *
 * Lines break after spaces only, like the words pdfkit lays out; a word wider than the line is cut
 * between code points. Coordinates are pdfkit's (origin top left, y down) everywhere but inside
 * the text objects, which undo pdfkit's page flip as its own text does.
 */
import type PDFDocument from "pdfkit";

type TDoc = InstanceType<typeof PDFDocument>;

/** The parts of pdfkit's EmbeddedFont (0.20) this module reads and keeps up to date. */
export type TEmbeddedFont = {
  id: string;
  ascender: number;
  descender: number;
  lineGap: number;
  scale: number;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  layoutCached(text: string): TGlyphRun;
  lineHeight(size: number, includeGap?: boolean): number;
  ref(): unknown;
};
type TGlyph = { id: number; advanceWidth: number; codePoints: number[] };
type TPosition = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number };
type TGlyphRun = { glyphs: TGlyph[]; positions: TPosition[]; advanceWidth: number };

export type TStyle = { font: TEmbeddedFont; size: number; colour: string; underline?: boolean };
/** A run of text in one style; `\n` breaks the line. `link`: a web address; `goTo`/`destination`: named destinations in this PDF. */
export type TFlowRun = { text: string; style: TStyle; link?: string; goTo?: string; destination?: string };

/**
 * A word as written: the inside of a TJ array for its glyphs (hex glyph ids of this document's
 * subset, with kerning), its advance in thousandths of an em, and the advance of its trailing
 * space, which does not count when the word ends a line. `rise`: glyphs the shaper moved up or
 * down (marks), written as their own TJ arrays between text-rise operators.
 */
type TEncoded = { tj: string; width: number; space: number; rise: { tj: string; rise: number }[] | null };

/** A piece of a line: a word (or part of one) in one run. */
type TPiece = { run: TFlowRun; text: string; encoded: TEncoded; width: number; space: number; breakAfter: boolean };
/** `style`: the style at a hard break, which sets an empty line's height. */
type TLine = { pieces: TPiece[]; hard: boolean; style: TStyle | null };
type TBreak = { style: TStyle };

const SPACE_OR_TAB = /[^ \t]*[ \t]|[^ \t]+/g;
const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });

/** PDF numbers as pdfkit writes them: at most six decimals, no exponent. */
function num(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

const COLOURS = new Map<string, string>();
/** "#rrggbb" as PDF colour components, "r g b". */
function rgb(hex: string): string {
  let out = COLOURS.get(hex);
  if (out === undefined) {
    const value = parseInt(hex.slice(1), 16);
    out = [value >> 16, (value >> 8) & 0xff, value & 0xff].map((c) => num(c / 255)).join(" ");
    COLOURS.set(hex, out);
  }
  return out;
}

export class Flow {
  /** Words encoded for this document, per face: glyph ids are the document's own subset's. */
  private readonly encoded = new Map<TEmbeddedFont, Map<string, TEncoded>>();

  constructor(
    readonly doc: TDoc,
    readonly margins: { top: number; bottom: number },
  ) {}

  /** A word (with its trailing space or tab, as pdfkit splits text) encoded for `font`, once per document. */
  encode(font: TEmbeddedFont, word: string): TEncoded {
    let cache = this.encoded.get(font);
    if (!cache) this.encoded.set(font, (cache = new Map()));
    let out = cache.get(word);
    if (out === undefined) {
      out = encodeRun(font, word);
      cache.set(word, out);
    }
    return out;
  }

  /** Width in points of `text` in `style`, on one line. */
  widthOf(text: string, style: TStyle): number {
    let width = 0;
    for (const word of text.match(SPACE_OR_TAB) ?? []) width += this.encode(style.font, word).width;
    return (width * style.size) / 1000;
  }

  /**
   * Writes `runs` as one paragraph from the current y, `width` wide from `x`, starting new pages as
   * needed, and leaves y below it. `lineGap`: extra points between lines.
   */
  paragraph(runs: TFlowRun[], options: { x: number; width: number; lineGap?: number }) {
    const lines = this.breakLines(runs, options.width);
    for (const line of lines) {
      if (line.pieces.length) this.writeLine(line, options.x, options.lineGap ?? 0);
      // An empty line (two breaks in a row) is as high as a line in the style it was broken in.
      else if (line.style) this.doc.y += this.lineHeight(line.style, options.lineGap);
    }
  }

  /**
   * One line of `runs` with its top at `y` on the current page, not wrapped and never moved to a
   * new page (page furniture: headers, footers); `align` places it against `x` or `x + width`.
   */
  lineAt(runs: TFlowRun[], options: { x: number; y: number; width: number; align?: "left" | "center" | "right" }) {
    const pieces = this.pieces(runs, Infinity).filter((p): p is TPiece => "run" in p);
    const last = pieces[pieces.length - 1];
    const width = pieces.reduce((sum, p) => sum + p.width, 0) - (last?.space ?? 0);
    const free = options.width - width;
    const x = options.x + (options.align === "right" ? free : options.align === "center" ? free / 2 : 0);
    const y = this.doc.y;
    this.doc.y = options.y;
    this.writeLine({ pieces, hard: true, style: null }, x, 0, false);
    this.doc.y = y;
  }

  /** `text` cut at the end, with an ellipsis, to fit `width` in `style`. */
  fit(text: string, style: TStyle, width: number): string {
    if (this.widthOf(text, style) <= width) return text;
    const graphemes = Array.from(GRAPHEMES.segment(text), (g) => g.segment);
    let cut = graphemes.length;
    while (cut > 0 && this.widthOf(`${graphemes.slice(0, cut).join("").trimEnd()}…`, style) > width) cut--;
    return `${graphemes.slice(0, cut).join("").trimEnd()}…`;
  }

  /** The lines `runs` break into at `width`, as text with their widths in points (what `paragraph` would draw). */
  lineTexts(runs: TFlowRun[], width: number): { text: string; width: number }[] {
    return this.breakLines(runs, width).map((line) => {
      const last = line.pieces[line.pieces.length - 1];
      return {
        text: line.pieces.map((p) => p.text).join(""),
        width: line.pieces.reduce((sum, p) => sum + p.width, 0) - (last?.space ?? 0),
      };
    });
  }

  /** Height of one line of `style` with `lineGap`, as the paragraph advances by. */
  lineHeight(style: TStyle, lineGap = 0): number {
    return style.font.lineHeight(style.size, true) + lineGap;
  }

  private pieces(runs: TFlowRun[], width: number): (TPiece | TBreak)[] {
    const out: (TPiece | TBreak)[] = [];
    for (const run of runs) {
      const { font, size } = run.style;
      run.text.split("\n").forEach((part, i) => {
        if (i > 0) out.push({ style: run.style });
        for (const word of part.match(SPACE_OR_TAB) ?? []) {
          const encoded = this.encode(font, word);
          const piece: TPiece = { run, text: word, encoded, width: (encoded.width * size) / 1000, space: (encoded.space * size) / 1000, breakAfter: encoded.space > 0 };
          if (piece.width - piece.space > width) out.push(...this.cut(piece, word, width));
          else out.push(piece);
        }
      });
    }
    return out;
  }

  /** A word wider than the line, cut between code points into pieces that each fit. */
  private cut(piece: TPiece, word: string, width: number): TPiece[] {
    const { font, size } = piece.run.style;
    const trailing = trailingOf(word);
    const out: TPiece[] = [];
    let part = "";
    let partWidth = 0;
    const push = (text: string, last: boolean) => {
      const encoded = this.encode(font, text);
      out.push({ run: piece.run, text, encoded, width: (encoded.width * size) / 1000, space: last ? piece.space : 0, breakAfter: last ? piece.breakAfter : true });
    };
    // Cut between user-perceived characters, so that an accent stays on its letter.
    for (const { segment } of GRAPHEMES.segment(word.slice(0, word.length - trailing.length))) {
      const charWidth = (this.encode(font, segment).width * size) / 1000;
      if (part && partWidth + charWidth > width) {
        push(part, false);
        part = "";
        partWidth = 0;
      }
      part += segment;
      partWidth += charWidth;
    }
    push(part + trailing, true);
    return out;
  }

  /** Greedy line breaking: as many words as fit, a line break only after a space. */
  private breakLines(runs: TFlowRun[], width: number): TLine[] {
    const pieces = this.pieces(runs, width);
    const lines: TLine[] = [];
    let line: TPiece[] = [];
    let lineWidth = 0;
    /** Index in `line` after which the line may break, or -1. */
    let lastBreak = -1;
    const endLine = (hard: boolean, style: TStyle | null = null) => {
      lines.push({ pieces: line, hard, style });
      line = [];
      lineWidth = 0;
      lastBreak = -1;
    };
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (!("run" in piece)) {
        endLine(true, piece.style);
        continue;
      }
      // Spaces a soft break leaves at the start of the next line are not drawn.
      if (line.length === 0 && lines.length > 0 && !lines[lines.length - 1].hard && piece.width === piece.space) continue;
      if (line.length > 0 && lineWidth + piece.width - piece.space > width) {
        if (lastBreak >= 0) {
          const carried = line.slice(lastBreak + 1);
          line = line.slice(0, lastBreak + 1);
          endLine(false);
          for (const p of carried) {
            line.push(p);
            lineWidth += p.width;
            if (p.breakAfter) lastBreak = line.length - 1;
          }
        } else {
          // One word across runs wider than the line: cut it where the run changes.
          endLine(false);
        }
        // The carried pieces and this one may still not fit: look at this piece again.
        if (line.length > 0 && lineWidth + piece.width - piece.space > width) {
          i--;
          if (lastBreak < 0) endLine(false);
          continue;
        }
      }
      line.push(piece);
      lineWidth += piece.width;
      if (piece.breakAfter) lastBreak = line.length - 1;
    }
    if (line.length > 0) endLine(true);
    return lines;
  }

  /** One line at the current y (a new page first when it does not fit), its links and underlines. */
  private writeLine(line: TLine, x: number, lineGap: number, mayBreakPage = true) {
    const { doc } = this;
    let ascent = 0;
    let height = 0;
    let boxHeight = 0;
    for (const p of line.pieces) {
      const { font, size } = p.run.style;
      ascent = Math.max(ascent, (font.ascender / 1000) * size);
      height = Math.max(height, font.lineHeight(size, true) + lineGap);
      boxHeight = Math.max(boxHeight, font.lineHeight(size));
    }
    if (mayBreakPage && doc.y + height > doc.page.height - this.margins.bottom && doc.y > this.margins.top) doc.addPage();
    const page = doc.page as unknown as { height: number; fonts: Record<string, unknown> };
    const top = doc.y;
    const baseline = page.height - top - ascent;
    let ops = `q\n1 0 0 -1 0 ${num(page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(baseline)} Tm\n`;
    let font: TEmbeddedFont | null = null;
    let size = 0;
    let colour = "";
    let tj = "";
    const flushTj = () => {
      // Neighbouring words' glyph strings joined into one: a shorter stream to write and compress.
      if (tj) ops += `[${tj.replaceAll("><", "")}] TJ\n`;
      tj = "";
    };
    let graphics = "";
    let cursor = x;
    /** Start of the current run's stretch on this line, for its underline and link. */
    let runStart = x;
    const endRun = (p: TPiece, end: number, first: boolean) => {
      const { run } = p;
      const w = end - runStart;
      if (run.style.underline && w > 0) {
        const lineWidth = run.style.size < 10 ? 0.5 : Math.floor(run.style.size / 10);
        const y = top + run.style.font.lineHeight(run.style.size) - lineWidth;
        graphics += `q\n${rgb(run.style.colour)} RG\n${num(lineWidth)} w\n${num(runStart)} ${num(y)} m\n${num(end)} ${num(y)} l\nS\nQ\n`;
      }
      if (run.link) doc.link(runStart, top, w, boxHeight, run.link);
      if (run.goTo) doc.goTo(runStart, top, w, boxHeight, run.goTo);
      if (run.destination && first) doc.addNamedDestination(run.destination, "XYZ", runStart, top, null);
    };
    line.pieces.forEach((p, i) => {
      const style = p.run.style;
      if (style.font !== font || style.size !== size) {
        flushTj();
        font = style.font;
        size = style.size;
        page.fonts[font.id] ??= font.ref();
        ops += `/${font.id} ${num(size)} Tf\n`;
      }
      if (style.colour !== colour) {
        flushTj();
        colour = style.colour;
        ops += `${rgb(colour)} rg\n`;
      }
      if (p.encoded.rise) {
        flushTj();
        for (const part of p.encoded.rise) ops += part.rise ? `${num((part.rise * size) / 1000)} Ts\n[${part.tj}] TJ\n0 Ts\n` : `[${part.tj}] TJ\n`;
      } else tj += p.encoded.tj;
      cursor += p.width;
      const next = line.pieces[i + 1];
      if (!next || next.run !== p.run) {
        // A trailing space ending the line is not underlined or linked.
        endRun(p, next ? cursor : cursor - p.space, !this.runsSeen.has(p.run));
        this.runsSeen.add(p.run);
        runStart = cursor;
      }
    });
    flushTj();
    ops += "ET\nQ\n";
    doc.addContent(ops + graphics);
    doc.y = top + height;
  }

  /** Runs already begun on an earlier line: a destination is added where its run begins, once. */
  private readonly runsSeen = new WeakSet<TFlowRun>();
}

function trailingOf(word: string): string {
  return /[ \t]$/.test(word) ? word.slice(-1) : "";
}

/** A laid-out run as TJ array contents for this document's subset, recording each glyph's width and code points as pdfkit's encode does. */
function encodeRun(font: TEmbeddedFont, word: string): TEncoded {
  const run = font.layoutCached(word);
  let tj = "";
  let hex = "";
  let rise: TEncoded["rise"] = null;
  for (let i = 0; i < run.glyphs.length; i++) {
    const glyph = run.glyphs[i];
    const position = run.positions[i];
    const gid = font.subset.includeGlyph(glyph.id);
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??= glyph.codePoints;
    const code = gid.toString(16).padStart(4, "0");
    const kern = position.xAdvance - position.advanceWidth;
    if (position.xOffset || position.yOffset) {
      // A glyph the shaper moved: shifted right by its offset, then back to where its advance ends.
      if (hex) tj += `<${hex}>`;
      hex = "";
      rise ??= [];
      if (tj) rise.push({ tj, rise: 0 });
      tj = "";
      const before = position.xOffset ? `${num(-position.xOffset)} ` : "";
      rise.push({ tj: `${before}<${code}> ${num(-(kern - position.xOffset))}`, rise: position.yOffset });
      continue;
    }
    hex += code;
    if (kern !== 0) {
      tj += `<${hex}> ${num(-kern)} `;
      hex = "";
    }
  }
  if (hex) tj += `<${hex}>`;
  if (rise && tj) rise.push({ tj, rise: 0 });
  // The trailing space or tab's advance, which does not count at a line's end.
  const last = run.positions.length - 1;
  const trailing = last >= 0 && /[ \t]$/.test(word) ? run.positions[last].xAdvance : 0;
  return { tj: rise ? "" : tj, width: run.advanceWidth, space: trailing, rise };
}
