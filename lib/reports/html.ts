/**
 * The report as HTML: the body the report pages show and the standalone download wraps. Every
 * user-written value (document text, titles, notes, passages, names) goes through `esc`; comment
 * HTML is inserted as stored, because the server sanitized it before storing it. Pure.
 */
import { reflowedText, TIGHT_JOIN } from "@/lib/documents/reflow";
import type { TPiece } from "@/lib/reports/segments";
import { segmentText, sharedDepth } from "@/lib/reports/segments";
import type { TReport, TReportAnnotation, TReportDocument, TReportSummary } from "@/lib/reports/schemas";
import {
  formatIso,
  noteAnchors,
  noteOf,
  peopleLine,
  provenanceFacts,
  reportTitle,
  share,
  splitPlaced,
  statusLine,
  statusesShown,
  type TCitations,
  type TFact,
  type TLink,
  type TNote,
} from "@/lib/reports/notes";
import { statusClassName } from "@/lib/reports/report-css";
import { STATUSES, STATUS_INFO } from "@/lib/statuses";
import { sourceLabel } from "@/lib/sources/label";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text and attribute values: the five characters that could start markup or end an attribute. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function links(list: TLink[]): string {
  return list.map((l) => `<a href="${esc(l.href)}" rel="noopener noreferrer">${esc(l.label)}</a>`).join(" · ");
}

function counts(byStatus: Record<string, number>, only: "present" | "all"): string {
  const items = STATUSES.filter((s) => only === "all" || byStatus[s] > 0).map(
    (s) => `<li class="${statusClassName(s)}"><span class="rp-swatch" aria-hidden="true"></span> ${esc(statusLine(s))}: ${byStatus[s]}</li>`,
  );
  return `<ul class="rp-counts">${items.join("")}</ul>`;
}

function bar(summary: TReportSummary): string {
  if (summary.total === 0) return "";
  const parts = STATUSES.filter((s) => summary.byStatus[s] > 0).map((s) => {
    const info = STATUS_INFO[s];
    const n = summary.byStatus[s];
    return `<span class="${statusClassName(s)}" style="flex-grow: ${n}; flex-basis: 0" title="${esc(`${info.label}: ${n}`)}">${esc(info.symbol)}</span>`;
  });
  const label = STATUSES.filter((s) => summary.byStatus[s] > 0)
    .map((s) => `${STATUS_INFO[s].label} ${summary.byStatus[s]} (${Math.round(share(summary.byStatus[s], summary.total))}%)`)
    .join(", ");
  return `<div class="rp-bar" role="img" aria-label="${esc(`Annotations by status: ${label}`)}">${parts.join("")}</div>`;
}

/** Facts as definition-list rows: the label, then the value with its links. */
function factRows(facts: TFact[]): [string, string][] {
  return facts.map((f) => [esc(f.label), `${esc(f.value)}${f.links?.length ? ` <span class="rp-links">${links(f.links)}</span>` : ""}`]);
}

const metaList = (rows: [string, string][]) => `<dl class="rp-meta">${rows.map(([dt, dd]) => `<dt>${dt}</dt><dd>${dd}</dd>`).join("")}</dl>`;

function titleBlock(report: TReport): string {
  const one = report.documents.length === 1 ? report.documents[0] : null;
  const rows: [string, string][] = [
    one ? ["Document", `<a href="${esc(one.url)}">${esc(one.title)}</a>`] : ["Documents", esc(report.documents.map((d) => d.title).join("; ") || "None")],
    // One document's provenance stands under its title; several documents' under each one's heading.
    ...(one ? factRows(provenanceFacts(one)) : []),
    ["Workspace", esc(report.workspace.name)],
    ["Generated", `<time datetime="${esc(report.generatedAt)}">${esc(formatIso(report.generatedAt))}</time>`],
    ["Reviewed by", esc(peopleLine(report))],
    ["Statuses shown", esc(statusesShown(report))],
  ];
  return `<header class="rp-title">
<p class="rp-kicker">Annotated citation report</p>
<h1>${esc(reportTitle(report))}</h1>
${metaList(rows)}
</header>`;
}

function summaryBlock(report: TReport): string {
  const s = report.summary;
  const sources = s.sources.length
    ? `<table class="rp-table"><thead><tr><th scope="col">Source</th><th scope="col" class="num">Annotations</th><th scope="col">By status</th></tr></thead><tbody>${s.sources
        .map((row) => `<tr><td>${esc(sourceLabel(row.source))}</td><td class="num">${row.total}</td><td>${counts(row.byStatus, "present")}</td></tr>`)
        .join("")}</tbody></table>`
    : `<p class="rp-empty">No annotation names a source.</p>`;
  return `<section class="rp-summary" aria-labelledby="rp-summary-h">
<h2 id="rp-summary-h">Summary</h2>
<p class="rp-figures"><strong>${s.total}</strong> ${s.total === 1 ? "annotation" : "annotations"} · <strong>${s.openQuestions}</strong> open ${s.openQuestions === 1 ? "question" : "questions"} (no verdict yet, awaiting or returned sign-off, or an unresolved discussion)</p>
${bar(s)}
${counts(s.byStatus, "all")}
<h3>Sources cited</h3>
${sources}
</section>`;
}

/** The text with each placed span in a <mark> of its status, split where spans cross, and its number after it. */
export function markedText(doc: TReportDocument, docIndex: number): string {
  if (doc.text === null) return "";
  const placed = splitPlaced(doc).placed;
  // A hard-wrapped text reads as paragraphs (lib/documents/reflow.ts): the same offsets, its soft breaks spaces.
  const reflowed = reflowedText(doc.text);
  const pieces: TPiece<TReportAnnotation>[] = segmentText(reflowed ?? doc.text, placed, doc.length);
  const out: string[] = [];
  let open: TReportAnnotation[] = [];
  const moveTo = (stack: TReportAnnotation[]) => {
    const keep = sharedDepth(open, stack);
    for (let i = open.length; i > keep; i--) out.push("</mark>");
    for (const a of stack.slice(keep)) out.push(`<mark class="${statusClassName(a.status)}">`);
    open = stack;
  };
  for (const piece of pieces) {
    moveTo(piece.stack);
    if (piece.kind === "text") {
      out.push(esc(reflowed ? piece.text.replaceAll(TIGHT_JOIN, "") : piece.text));
      continue;
    }
    const a = piece.span;
    const { id, refId } = noteAnchors(docIndex, a.n);
    out.push(`<sup class="rp-ref"><a id="${refId}" href="#${id}" aria-label="Note ${a.n}, ${esc(STATUS_INFO[a.status].label)}">${a.n}</a></sup>`);
  }
  moveTo([]);
  return `<div class="${reflowed ? "rp-text rp-reflowed" : "rp-text"}">${out.join("")}</div>`;
}

/** `level` is the note heading's rank: one below the "Notes" heading it sits under, so no rank is skipped (axe heading-order). */
function noteHtml(note: TNote, options: { backLink: boolean; level: number }): string {
  const sub = options.level + 1;
  const facts = factRows(note.facts)
    .map(([dt, dd]) => `<dt>${dt}</dt><dd>${dd}</dd>`)
    .join("");
  const chain = note.chain.length ? `<dt>Attribution chain</dt><dd><ol class="rp-chain">${note.chain.map((hop) => `<li>${esc(hop)}</li>`).join("")}</ol></dd>` : "";
  const evidence = note.evidence.length
    ? `<ul class="rp-evidence">${note.evidence
        .map(
          (e) =>
            `<li><span class="rp-stance">${esc(e.stance)}</span>${e.passage ? `<blockquote>${esc(e.passage)}</blockquote>` : ""}${
              e.translation ? `<p class="rp-small">Translation: ${esc(e.translation)}</p>` : ""
            }${e.details ? `<p class="rp-small">${esc(e.details)}</p>` : ""}${e.note ? `<p class="rp-small">${esc(e.note)}</p>` : ""}${
              e.links.length ? `<p class="rp-links">${links(e.links)}</p>` : ""
            }</li>`,
        )
        .join("")}</ul>`
    : `<p class="rp-empty">No evidence recorded.</p>`;
  const comments = note.comments.length
    ? `<h${sub} class="rp-note-sub">Comments</h${sub}><ul class="rp-comments">${note.comments.map((c) => `<li><p class="rp-small">${esc(c.byline)}</p><div>${c.html}</div></li>`).join("")}</ul>`
    : "";
  const back = options.backLink ? ` <a class="rp-back" href="#${note.refId}" aria-label="Back to note ${note.n} in the text">↩ text</a>` : "";
  return `<li class="rp-note ${statusClassName(note.status)}" id="${note.id}">
<h${options.level} class="rp-note-heading"><span class="rp-num">${note.n}</span> <span class="rp-quote">“${esc(note.quote)}”</span>${back}</h${options.level}>
<p><span class="rp-status">${esc(statusLine(note.status))}</span> ${esc(STATUS_INFO[note.status].meaning)}</p>
<dl class="rp-facts">${facts}${chain}</dl>
<h${sub} class="rp-note-sub">Evidence</h${sub}>${evidence}${comments}
</li>`;
}

function documentBlock(report: TReport, doc: TReportDocument, docIndex: number, citations: TCitations): string {
  const several = report.documents.length > 1;
  const h = several ? 3 : 2;
  const { placed, orphaned } = splitPlaced(doc);
  const withText = doc.text !== null;
  const list = (items: TReportAnnotation[], backLink: boolean) =>
    `<ol class="rp-notes">${items.map((a) => noteHtml(noteOf({ annotation: a, docIndex, citations }), { backLink, level: h + 1 })).join("")}</ol>`;
  const provenance = several ? factRows(provenanceFacts(doc)) : [];
  const parts = [
    several ? `<h2><a href="${esc(doc.url)}">${esc(doc.title)}</a></h2><p class="rp-small">${doc.annotations.length} ${doc.annotations.length === 1 ? "annotation" : "annotations"}</p>` : "",
    provenance.length ? metaList(provenance) : "",
    withText ? `<h${h}>Text</h${h}>${markedText(doc, docIndex)}` : "",
    `<h${h} class="rp-notes-heading">Notes</h${h}>`,
    placed.length ? list(placed, withText) : `<p class="rp-empty">No annotations${report.options.statuses?.length ? " with the chosen statuses" : ""}.</p>`,
    orphaned.length ? `<h${h}>Not placed in the text</h${h}><p class="rp-small">Imported, but their quotes were not found in this text; a reviewer has yet to place them.</p>${list(orphaned, false)}` : "",
  ];
  return `<section class="rp-document" aria-label="${esc(doc.title)}">${parts.join("\n")}</section>`;
}

/** The whole report as an HTML fragment: title block, summary, then each document's text and notes. */
export function reportBodyHtml(report: TReport, citations: TCitations): string {
  return `<article class="report">
${titleBlock(report)}
${summaryBlock(report)}
${report.documents.map((d, i) => documentBlock(report, d, i, citations)).join("\n")}
</article>`;
}
