/**
 * The report as a PDF, drawn on the server with pdfkit: no browser involved. Text is real text in
 * an embedded DejaVu Sans (the standard PDF fonts have no Cyrillic, and the corpus has Cyrillic
 * letters inside English words), so it can be selected, searched and extracted. Spans in the text
 * are coloured and underlined in their status's colour with their number in brackets, which links
 * to the note; the note links back. Links to sources and evidence are live. Page header and
 * "Page n of m" footer are written last, over the buffered pages. The text and the notes (nearly
 * all of a long report) are laid out by lib/reports/pdf-flow.ts; titles and the summary by pdfkit.
 */
import PDFDocument from "pdfkit";
import {
  formatCitations,
  formatIso,
  noteAnchors,
  noteOf,
  peopleLine,
  provenanceFacts,
  reportTitle,
  splitPlaced,
  statusLine,
  statusesShown,
  type TCitations,
  type TLink,
  type TNote,
} from "@/lib/reports/notes";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import { Flow, type TEmbeddedFont, type TFlowRun, type TStyle } from "@/lib/reports/pdf-flow";
import { attachSharedFonts, FONT, installFastWrites, type TFontKey } from "@/lib/reports/pdf-fonts";
import { segmentText } from "@/lib/reports/segments";
import { reflowedText, TIGHT_JOIN } from "@/lib/documents/reflow";
import { STATUSES, STATUS_INFO } from "@/lib/statuses";
import { sourceLabel } from "@/lib/sources/label";

const INK = "#1d1d1f";
/** Between a value and the links after it. */
const LINKS_LEAD = "  ";
const MUTED = "#5b5b63";
const LINK = "#0b5cad";
const MARGIN = { top: 64, bottom: 64, left: 60, right: 60 };

type TDoc = InstanceType<typeof PDFDocument>;

/**
 * Text options that reset what an earlier continued run set: pdfkit carries a run's options over
 * to the next unless they are given, and only null clears them (its types admit only undefined).
 */
const PLAIN = { underline: false, link: null, goTo: null, destination: null } as unknown as PDFKit.Mixins.TextOptions;

class Writer {
  readonly flow: Flow;

  constructor(
    readonly doc: TDoc,
    readonly citations: TCitations,
    readonly faces: Record<TFontKey, TEmbeddedFont>,
  ) {
    this.flow = new Flow(doc, MARGIN);
  }

  /** A style of the flow, one object per combination (the flow compares styles by identity). */
  style(font: TFontKey, size: number, colour: string, underline = false): TStyle {
    const key = `${font} ${size} ${colour} ${underline}`;
    let style = this.styles.get(key);
    if (!style) this.styles.set(key, (style = { font: this.faces[font], size, colour, underline }));
    return style;
  }
  private readonly styles = new Map<string, TStyle>();

  /** pdfkit's moveDown(lines) in a style: a fraction of its line height. */
  moveDown(lines: number, style: TStyle) {
    this.doc.y += this.flow.lineHeight(style) * lines;
  }

  /** Live links as runs, after a value: "  Label · Label". */
  linkRuns(links: TLink[], size: number): TFlowRun[] {
    const runs: TFlowRun[] = [];
    links.forEach((l, i) => {
      runs.push({ text: i === 0 ? LINKS_LEAD : " · ", style: this.style("regular", size, INK) });
      runs.push({ text: l.label, style: this.style("regular", size, LINK, true), link: l.href });
    });
    return runs;
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  /** Starts a new page when less than `height` is left on this one. */
  room(height: number) {
    if (this.doc.y + height > this.doc.page.height - MARGIN.bottom) this.doc.addPage();
  }

  heading(text: string, size: number, options: { newPage?: boolean; outline?: boolean } = {}) {
    if (options.newPage) this.doc.addPage();
    else {
      this.doc.moveDown(0.6);
      this.room(size * 4);
    }
    if (options.outline) this.doc.outline.addItem(text);
    this.doc.x = MARGIN.left;
    this.doc.font(FONT.bold).fontSize(size).fillColor(INK).text(text, { ...PLAIN, width: this.width });
    this.doc.moveDown(0.3);
  }

  /** "Label: value" with optional live links after the value. */
  fact(label: string, value: string, links: TLink[] = [], indent = 0) {
    const { doc } = this;
    doc.x = MARGIN.left + indent;
    const width = this.width - indent;
    doc.font(FONT.bold).fontSize(9.5).fillColor(MUTED).text(`${label}: `, { ...PLAIN, width, continued: true });
    doc.font(FONT.regular).fillColor(INK).text(links.length ? `${value}${LINKS_LEAD}` : value, { ...PLAIN, width, continued: links.length > 0 });
    this.links(links, width);
  }

  /**
   * Live links after a run that ended with LINKS_LEAD and left `continued` (or nothing when there
   * are none). The lead rides on the run before, in its style: one text call fewer per list
   * (pdfkit's cost is per call, and a long report has thousands of these lists).
   */
  links(links: TLink[], width: number) {
    links.forEach((l, i) => {
      const last = i === links.length - 1;
      if (i > 0) this.doc.fillColor(INK).text(" · ", { ...PLAIN, width, continued: true });
      this.doc.fillColor(LINK).text(l.label, { ...PLAIN, width, link: l.href, underline: true, continued: !last });
    });
    this.doc.fillColor(INK);
  }
}

function titleBlock(w: Writer, report: TReport) {
  const { doc } = w;
  doc.font(FONT.bold).fontSize(9).fillColor(MUTED).text("ANNOTATED CITATION REPORT", PLAIN);
  doc.moveDown(0.2);
  doc.font(FONT.bold).fontSize(20).fillColor(INK).text(reportTitle(report), { ...PLAIN, width: w.width });
  doc.moveDown(0.4);
  const one = report.documents.length === 1 ? report.documents[0] : null;
  if (one) {
    w.fact("Document", one.title, [{ label: "Open in Provenant", href: one.url }]);
    for (const f of provenanceFacts(one)) w.fact(f.label, f.value, f.links);
  } else w.fact("Documents", report.documents.map((d) => d.title).join("; ") || "None");
  w.fact("Workspace", report.workspace.name);
  w.fact("Generated", formatIso(report.generatedAt));
  w.fact("Reviewed by", peopleLine(report));
  w.fact("Statuses shown", statusesShown(report));
}

function swatch(doc: TDoc, status: (typeof STATUSES)[number], x: number, y: number, w: number, h: number) {
  const info = STATUS_INFO[status];
  doc.save().rect(x, y, w, h).fillOpacity(0.35).fill(info.colour).restore();
  doc.save().moveTo(x, y + h).lineTo(x + w, y + h).lineWidth(2).strokeColor(info.colour).stroke().restore();
}

function summary(w: Writer, report: TReport) {
  const { doc } = w;
  const s = report.summary;
  w.heading("Summary", 14, { outline: true });
  doc.font(FONT.regular).fontSize(10.5).fillColor(INK);
  doc.text(`${s.total} ${s.total === 1 ? "annotation" : "annotations"} · ${s.openQuestions} open ${s.openQuestions === 1 ? "question" : "questions"}`, { ...PLAIN });
  doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED).text("Open: no verdict yet, awaiting or returned sign-off, or an unresolved discussion.", { ...PLAIN, width: w.width });
  doc.moveDown(0.5);
  // The bar: one block per status present, as wide as its share, with its symbol.
  if (s.total > 0) {
    w.room(30);
    const y = doc.y;
    let x = MARGIN.left;
    for (const status of STATUSES) {
      const n = s.byStatus[status];
      if (n === 0) continue;
      const width = (w.width * n) / s.total;
      swatch(doc, status, x, y, width, 16);
      if (width >= 12) doc.font(FONT.bold).fontSize(9).fillColor(INK).text(STATUS_INFO[status].symbol, x, y + 3, { ...PLAIN, width, align: "center", lineBreak: false });
      x += width;
    }
    doc.save().rect(MARGIN.left, y, w.width, 16).lineWidth(0.5).strokeColor("#8a8780").stroke().restore();
    doc.x = MARGIN.left;
    doc.y = y + 24;
  }
  for (const status of STATUSES) {
    w.room(14);
    const y = doc.y;
    swatch(doc, status, MARGIN.left, y + 1.5, 8, 8);
    doc.font(FONT.regular).fontSize(9.5).fillColor(INK).text(`${statusLine(status)}: ${s.byStatus[status]}`, MARGIN.left + 14, y, { ...PLAIN });
  }
  doc.x = MARGIN.left;
  w.heading("Sources cited", 11.5);
  if (s.sources.length === 0) doc.font(FONT.italic).fontSize(9.5).fillColor(MUTED).text("No annotation names a source.", { ...PLAIN });
  for (const row of s.sources) {
    w.room(24);
    const by = STATUSES.filter((st) => row.byStatus[st] > 0)
      .map((st) => `${statusLine(st)} ${row.byStatus[st]}`)
      .join(", ");
    doc.font(FONT.bold).fontSize(9.5).fillColor(INK).text(sourceLabel(row.source), { ...PLAIN, width: w.width, continued: true });
    doc.font(FONT.regular).text(` — ${row.total} ${row.total === 1 ? "annotation" : "annotations"}: ${by}`, { ...PLAIN, width: w.width });
    doc.moveDown(0.2);
  }
}

type TRun = { text: string; inner: TReportAnnotation | undefined } | { ref: TReportAnnotation };

/**
 * The text in runs: spans in their innermost status's colour, underlined, each followed by its
 * [number], which links to the note. Each line of the text is a paragraph of the flow; a
 * hard-wrapped text's lines are first joined into its paragraphs (lib/documents/reflow.ts), their
 * runs of spaces shown as one.
 */
function text(w: Writer, doc: TReportDocument, docIndex: number) {
  if (doc.text === null) return;
  const reflowed = reflowedText(doc.text);
  const lines: TRun[][] = [[]];
  let afterSpace = false;
  for (const piece of segmentText(reflowed ?? doc.text, splitPlaced(doc).placed, doc.length)) {
    if (piece.kind === "ref") {
      lines[lines.length - 1].push({ ref: piece.span });
      continue;
    }
    const inner = piece.stack[piece.stack.length - 1];
    piece.text.split("\n").forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (reflowed) {
        part = part.replace(/\s+/g, " ").replaceAll(TIGHT_JOIN, "");
        if (afterSpace || i > 0) part = part.replace(/^ /, "");
        if (part) afterSpace = part.endsWith(" ");
      }
      if (part) lines[lines.length - 1].push({ text: part, inner });
    });
  }
  const plain = w.style("regular", 10.5, INK);
  const options = { x: MARGIN.left, width: w.width, lineGap: 2.5 };
  let blank = false;
  for (const line of lines) {
    if (line.every((run) => "text" in run && !run.text.trim())) {
      // A reflowed text's run of blank lines is one paragraph break, a small gap as in prose.
      if (!reflowed || !blank) w.moveDown(reflowed ? 0.3 : 0.6, plain);
      blank = true;
      continue;
    }
    blank = false;
    w.flow.paragraph(
      line.map((run): TFlowRun => {
        if ("text" in run) return { text: run.text, style: run.inner ? w.style("regular", 10.5, STATUS_INFO[run.inner.status].colour, true) : plain };
        const { id, refId } = noteAnchors(docIndex, run.ref.n);
        return { text: `[${run.ref.n}]`, style: w.style("bold", 10.5, STATUS_INFO[run.ref.status].colour), goTo: id, destination: refId };
      }),
      options,
    );
  }
}

/** Runs as lines: a break after each line but the last. */
function joinLines(lines: TFlowRun[][]): TFlowRun[] {
  return lines.flatMap((line, i) => (i < lines.length - 1 ? [...line.slice(0, -1), { ...line[line.length - 1], text: `${line[line.length - 1].text}\n` }] : line));
}

/**
 * One note: its number and quote (linking back to the text), the status in symbol, word and
 * meaning, then its facts with their links, the chain, the evidence and the comments, each block a
 * paragraph of the flow.
 */
function note(w: Writer, n: TNote, options: { backLink: boolean }) {
  const { doc, flow } = w;
  const info = STATUS_INFO[n.status];
  const heading = w.style("bold", 10.5, INK);
  const body = w.style("regular", 9.5, INK);
  const label = w.style("bold", 9.5, INK);
  const full = { x: MARGIN.left, width: w.width };
  const inner = { x: MARGIN.left + 10, width: w.width - 10 };
  const item = { x: MARGIN.left + 22, width: w.width - 22 };
  w.room(90);
  // The number alone carries the destination.
  const head: TFlowRun[] = [
    { text: `${n.n}. `, style: heading, destination: n.id },
    { text: `“${n.quote}”`, style: heading },
  ];
  if (options.backLink) head.push({ text: "  ↩ text", style: w.style("regular", 9, LINK), goTo: n.refId });
  flow.paragraph(head, full);
  flow.paragraph(
    [
      { text: statusLine(n.status), style: w.style("bold", 9.5, info.colour) },
      { text: ` — ${info.meaning}`, style: body },
    ],
    full,
  );
  w.moveDown(0.2, body);
  const lines: TFlowRun[][] = n.facts.map((f) => [{ text: `${f.label}: `, style: label }, { text: f.value, style: body }, ...w.linkRuns(f.links ?? [], 9.5)]);
  if (n.chain.length) lines.push([{ text: "Attribution chain:", style: label }], ...n.chain.map((hop, i) => [{ text: `    ${i + 1}. ${hop}`, style: body }]));
  lines.push([{ text: n.evidence.length ? "Evidence:" : "Evidence: none recorded", style: label }]);
  flow.paragraph(joinLines(lines), inner);
  for (const e of n.evidence) {
    w.room(30);
    flow.paragraph([{ text: e.stance, style: label }], item);
    const texts = [e.passage ? `“${e.passage}”` : "", e.translation ? `Translation: ${e.translation}` : "", e.details, e.note].filter(Boolean);
    const runs: TFlowRun[] = texts.length ? [{ text: texts.join("\n"), style: body }, ...w.linkRuns(e.links, 9.5)] : w.linkRuns(e.links, 9.5).slice(1);
    if (runs.length) flow.paragraph(runs, item);
    w.moveDown(0.2, body);
  }
  if (n.comments.length) {
    flow.paragraph([{ text: "Comments:", style: label }], inner);
    flow.paragraph([{ text: n.comments.map((c) => `${c.byline}: ${c.text}`).join("\n"), style: body }], item);
  }
  doc.x = MARGIN.left;
  w.moveDown(0.8, body);
}

function documentPart(w: Writer, report: TReport, d: TReportDocument, docIndex: number) {
  const several = report.documents.length > 1;
  const { placed, orphaned } = splitPlaced(d);
  const withText = d.text !== null;
  if (several) {
    w.heading(`${docIndex + 1}. ${d.title}`, 15, { newPage: true, outline: true });
    w.doc.font(FONT.regular).fontSize(9).fillColor(LINK).text("Open in Provenant", { ...PLAIN, link: d.url, underline: true });
    for (const f of provenanceFacts(d)) w.fact(f.label, f.value, f.links);
  }
  if (withText) {
    w.heading("Text", 13, { newPage: !several, outline: !several });
    text(w, d, docIndex);
  }
  w.heading("Notes", 13, { newPage: withText || !several, outline: !several });
  if (placed.length === 0) w.doc.font(FONT.italic).fontSize(9.5).fillColor(MUTED).text(`No annotations${report.options.statuses?.length ? " with the chosen statuses" : ""}.`, { ...PLAIN });
  for (const a of placed) note(w, noteOf({ annotation: a, docIndex, citations: w.citations }), { backLink: withText });
  if (orphaned.length) {
    w.heading("Not placed in the text", 13);
    w.doc.font(FONT.italic).fontSize(9).fillColor(MUTED).text("Imported, but their quotes were not found in this text; a reviewer has yet to place them.", { ...PLAIN, width: w.width });
    w.doc.moveDown(0.4);
    for (const a of orphaned) note(w, noteOf({ annotation: a, docIndex, citations: w.citations }), { backLink: false });
  }
}

/** The running header (the report's title) and "Page n of m", on every page once all are laid out. */
function frame(w: Writer, title: string) {
  const { doc, flow } = w;
  const range = doc.bufferedPageRange();
  const muted = w.style("regular", 8, MUTED);
  const header = flow.fit(title, muted, w.width);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - 40;
    if (i > range.start) flow.lineAt([{ text: header, style: muted }], { x: MARGIN.left, y: 32, width: w.width, align: "center" });
    flow.lineAt([{ text: "Provenant citation report", style: muted }], { x: MARGIN.left, y: bottom, width: w.width });
    flow.lineAt([{ text: `Page ${i + 1 - range.start} of ${range.count}`, style: muted }], { x: MARGIN.left, y: bottom, width: w.width, align: "right" });
  }
}

export async function renderPdf(report: TReport): Promise<{ body: Buffer; contentType: string; extension: string }> {
  const citations = await formatCitations(report);
  const title = reportTitle(report);
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    // No default font (it would be Helvetica, read from pdfkit's own data files): attachSharedFonts sets ours.
    font: null as unknown as string,
    lang: "en",
    displayTitle: true,
    info: { Title: `${title} — citation report`, Author: report.workspace.name, Creator: "Provenant", CreationDate: new Date(report.generatedAt) },
  });
  installFastWrites(doc);
  const faces = attachSharedFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const w = new Writer(doc, citations, faces);
  titleBlock(w, report);
  summary(w, report);
  report.documents.forEach((d, i) => documentPart(w, report, d, i));
  frame(w, title);
  doc.end();
  return { body: await done, contentType: "application/pdf", extension: "pdf" };
}
