/**
 * The report as Markdown (CommonMark with GitHub's tables and footnotes). In the text, annotated
 * runs are bold and each span's number is a footnote reference where the span ends:
 * `**Memorial reported**[^2]`; spans may overlap, so the bold marks what any span covers and the
 * footnote quotes its own span exactly. The notes are the footnotes, in order; notes that are not
 * in the text (orphaned, or a report without text) are plain numbered blocks. Every user-written
 * value is escaped, so no title, quote or note can turn into markup, a link or a list.
 */
import {
  formatCitations,
  formatIso,
  noteOf,
  peopleLine,
  provenanceFacts,
  reportTitle,
  splitPlaced,
  statusLine,
  statusesShown,
  type TCitations,
  type TFact,
  type TLink,
  type TNote,
} from "@/lib/reports/notes";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import { segmentText } from "@/lib/reports/segments";
import { STATUSES, STATUS_INFO } from "@/lib/statuses";
import { sourceLabel } from "@/lib/sources/label";

/** Characters that could start inline markup anywhere in a line (and `#`, `$` for headings and math). */
export function mdInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&#$]/g, (c) => `\\${c}`);
}

/** What would make a line a heading, quote, list item or rule when it starts the line. */
function escapeLineStart(line: string): string {
  const ordered = /^(\d{1,9})([.)])/.exec(line);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${line.slice(ordered[0].length)}`;
  return /^[+\-=]/.test(line) ? `\\${line}` : line;
}

/** One line of user text: flattened to a single line and escaped. */
function mdOne(text: string): string {
  return escapeLineStart(mdInline(text.replace(/\s+/g, " ").trim()));
}

/** User text of several lines inside a block indented by `indent`: hard line breaks, no blank lines. */
function mdLines(text: string, indent: string): string {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => escapeLineStart(mdInline(l)))
    .join(`\\\n${indent}`);
}

function mdLink(link: TLink): string {
  return `[${mdOne(link.label)}](<${link.href.replace(/</g, "%3C").replace(/>/g, "%3E")}>)`;
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

/**
 * Whether `**` around `content` between the characters `before` and `after` ("" at a line's
 * edge) is read as bold: CommonMark's flanking rules for `**`.
 */
function canBold(before: string, content: string, after: string): boolean {
  if (!content) return false;
  const first = String.fromCodePoint(content.codePointAt(0)!);
  const last = /.$/su.exec(content)![0];
  if (SPACE.test(first) || SPACE.test(last)) return false;
  const edge = (c: string) => c === "" || SPACE.test(c) || PUNCTUATION.test(c);
  const opens = !PUNCTUATION.test(first) || edge(before);
  const closes = !PUNCTUATION.test(last) || edge(after);
  return opens && closes;
}

type TToken = { kind: "text"; text: string; covered: boolean } | { kind: "ref"; label: string };

/** One line of the document (as tokens) as Markdown: bold covered runs where the syntax allows, footnote references in place. */
function lineMd(tokens: TToken[]): string {
  // Leading indentation would make an indented code block.
  while (tokens[0]?.kind === "text" && /^\s/.test(tokens[0].text)) {
    const rest = tokens[0].text.replace(/^\s+/, "");
    if (rest) tokens[0] = { ...tokens[0], text: rest };
    else tokens.shift();
  }
  // Runs: consecutive covered text (with the references inside it), or one uncovered token.
  type TRun = { covered: boolean; parts: string[] };
  const runs: TRun[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = runs[runs.length - 1];
    if (t.kind === "ref") {
      // Inside a covered run only when covered text goes on after it.
      const next = tokens.slice(i + 1).find((x) => x.kind === "text");
      const inside = prev?.covered && next?.kind === "text" && next.covered;
      if (inside) prev.parts.push(`[^${t.label}]`);
      else runs.push({ covered: false, parts: [`[^${t.label}]`] });
      continue;
    }
    if (prev && prev.covered === t.covered) prev.parts.push(mdInline(t.text));
    else runs.push({ covered: t.covered, parts: [mdInline(t.text)] });
  }
  let out = "";
  runs.forEach((run, i) => {
    const body = run.parts.join("");
    if (!run.covered) {
      out += body;
      return;
    }
    const lead = /^\s*/.exec(body)![0];
    const trail = /\s*$/.exec(body.slice(lead.length))![0];
    const content = body.slice(lead.length, body.length - trail.length);
    const before = lead ? lead.slice(-1) : out.slice(-1);
    const after = trail ? trail[0] : (runs[i + 1]?.parts[0] ?? "").slice(0, 1);
    out += canBold(before, content, after) ? `${lead}**${content}**${trail}` : body;
  });
  return escapeLineStart(out);
}

/** The document text: one Markdown line per text line, a blank line between paragraphs, hard breaks inside them. */
function textMd(doc: TReportDocument, labelOf: (a: TReportAnnotation) => string): string {
  if (doc.text === null) return "";
  const lines: TToken[][] = [[]];
  for (const piece of segmentText(doc.text, splitPlaced(doc).placed, doc.length)) {
    if (piece.kind === "ref") {
      lines[lines.length - 1].push({ kind: "ref", label: labelOf(piece.span) });
      continue;
    }
    piece.text.split("\n").forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1].push({ kind: "text", text: part, covered: piece.stack.length > 0 });
    });
  }
  const rendered = lines.map(lineMd);
  let out = "";
  rendered.forEach((line, i) => {
    if (i === 0) {
      out = line;
      return;
    }
    const prevBlank = rendered[i - 1] === "";
    if (line === "") out += prevBlank ? "" : "\n";
    else out += prevBlank ? `\n${line}` : `\\\n${line}`;
  });
  return out.replace(/^\n+/, "");
}

/** "- **Label:** value (links)", one list item a fact. */
function factLines(facts: TFact[]): string[] {
  return facts.map((f) => `- **${mdOne(f.label)}:** ${mdLines(f.value, "  ")}${f.links?.length ? ` (${f.links.map(mdLink).join(" · ")})` : ""}`);
}

/** A note's lines; the first is its heading line, the rest a list, each line relative to the note's indent. */
function noteLines(note: TNote): string[] {
  const I = "    ";
  const lines = [`**${note.n}. “${mdOne(note.quote)}”** — ${mdOne(statusLine(note.status))}: ${STATUS_INFO[note.status].meaning}`, "", ...factLines(note.facts)];
  if (note.chain.length) {
    lines.push("- **Attribution chain:**");
    note.chain.forEach((hop, i) => lines.push(`${I}${i + 1}. ${mdOne(hop)}`));
  }
  if (note.evidence.length) {
    lines.push("- **Evidence:**");
    for (const e of note.evidence) {
      const parts = [
        `**${mdOne(e.stance)}**`,
        e.passage ? `“${mdLines(e.passage, `${I}  `)}”` : "",
        e.translation ? `Translation: ${mdLines(e.translation, `${I}  `)}` : "",
        e.details ? mdOne(e.details) : "",
        e.note ? mdLines(e.note, `${I}  `) : "",
        e.links.map(mdLink).join(" · "),
      ].filter(Boolean);
      lines.push(`${I}- ${parts.join(" — ")}`);
    }
  } else {
    lines.push("- **Evidence:** none recorded");
  }
  if (note.comments.length) {
    lines.push("- **Comments:**");
    for (const c of note.comments) lines.push(`${I}- ${mdOne(c.byline)}: ${mdLines(c.text, `${I}  `)}`);
  }
  return lines;
}

function footnote(label: string, note: TNote): string {
  // Values of several lines hold their own line breaks: indent every physical line.
  const [first, ...rest] = noteLines(note).join("\n").split("\n");
  return [`[^${label}]: ${first}`, ...rest.map((l) => (l ? `    ${l}` : ""))].join("\n");
}

function statusTable(byStatus: Record<string, number>, total: number): string {
  const rows = STATUSES.map((s) => {
    const n = byStatus[s];
    const width = total ? Math.round((n / total) * 20) : 0;
    const bar = `${"█".repeat(width)}${"░".repeat(20 - width)}`;
    return `| ${STATUS_INFO[s].symbol} ${STATUS_INFO[s].label} | ${n} | ${bar} ${total ? Math.round((n / total) * 100) : 0}% |`;
  });
  return ["| Status | Annotations | Share |", "| --- | ---: | --- |", ...rows].join("\n");
}

function summaryMd(report: TReport): string {
  const s = report.summary;
  const sources = s.sources.length
    ? [
        "| Source | Annotations | By status |",
        "| --- | ---: | --- |",
        ...s.sources.map((row) => {
          const by = STATUSES.filter((st) => row.byStatus[st] > 0)
            .map((st) => `${STATUS_INFO[st].symbol} ${STATUS_INFO[st].label} ${row.byStatus[st]}`)
            .join(", ");
          return `| ${mdOne(sourceLabel(row.source))} | ${row.total} | ${by} |`;
        }),
      ].join("\n")
    : "_No annotation names a source._";
  return [
    "## Summary",
    `**${s.total}** ${s.total === 1 ? "annotation" : "annotations"} · **${s.openQuestions}** open ${s.openQuestions === 1 ? "question" : "questions"} (no verdict yet, awaiting or returned sign-off, or an unresolved discussion)`,
    statusTable(s.byStatus, s.total),
    "### Sources cited",
    sources,
  ].join("\n\n");
}

function documentMd(report: TReport, doc: TReportDocument, docIndex: number, citations: TCitations): string {
  const several = report.documents.length > 1;
  const h = several ? "###" : "##";
  const label = (a: TReportAnnotation) => (several ? `d${docIndex + 1}-${a.n}` : `${a.n}`);
  const { placed, orphaned } = splitPlaced(doc);
  const withText = doc.text !== null;
  const note = (a: TReportAnnotation) => noteOf({ annotation: a, docIndex, citations });
  const parts: string[] = [];
  if (several) {
    const provenance = factLines(provenanceFacts(doc));
    parts.push(`## ${docIndex + 1}. ${mdOne(doc.title)}`, `<${doc.url}>`, ...(provenance.length ? [provenance.join("\n")] : []));
  }
  if (withText) parts.push(`${h} Text`, textMd(doc, label));
  parts.push(`${h} Notes`);
  if (placed.length === 0) parts.push(`_No annotations${report.options.statuses?.length ? " with the chosen statuses" : ""}._`);
  // Footnotes for spans numbered in the text; plain blocks when there is no text to point from.
  for (const a of placed) parts.push(withText ? footnote(label(a), note(a)) : noteLines(note(a)).join("\n"));
  if (orphaned.length) {
    parts.push(`${h} Not placed in the text`, "_Imported, but their quotes were not found in this text; a reviewer has yet to place them._");
    for (const a of orphaned) parts.push(noteLines(note(a)).join("\n"));
  }
  return parts.join("\n\n");
}

export async function renderMarkdown(report: TReport): Promise<{ body: string; contentType: string; extension: string }> {
  const citations = await formatCitations(report);
  const one = report.documents.length === 1 ? report.documents[0] : null;
  const meta = [
    one ? `- **Document:** [${mdOne(one.title)}](<${one.url}>)` : `- **Documents:** ${report.documents.map((d) => mdOne(d.title)).join("; ") || "none"}`,
    ...(one ? factLines(provenanceFacts(one)) : []),
    `- **Workspace:** ${mdOne(report.workspace.name)}`,
    `- **Generated:** ${formatIso(report.generatedAt)}`,
    `- **Reviewed by:** ${mdOne(peopleLine(report))}`,
    `- **Statuses shown:** ${statusesShown(report)}`,
  ].join("\n");
  const body = [
    `# Annotated citation report: ${mdOne(reportTitle(report))}`,
    meta,
    summaryMd(report),
    ...report.documents.map((d, i) => documentMd(report, d, i, citations)),
  ].join("\n\n");
  return { body: `${body}\n`, contentType: "text/markdown; charset=utf-8", extension: "md" };
}
