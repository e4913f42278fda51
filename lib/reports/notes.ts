/**
 * What every rendering of the report says, worded once: titles, option lines, and each note as
 * plain facts (labels and values) that the HTML, Markdown and PDF renderers lay out in their own
 * syntax. Pure apart from citation formatting (citation-js).
 */
import { pageLocator } from "@/lib/documents/pages";
import { DOCUMENT_FORMAT_LABELS } from "@/lib/documents/schemas";
import { formatCitation } from "@/lib/sources/citation";
import { sourceLabel } from "@/lib/sources/label";
import { STANCE_INFO } from "@/lib/evidence/schemas";
import { formatCount, formatDateTime, formatPartialDate } from "@/lib/format";
import { formatBytes } from "@/lib/intake/limits";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import { STATUSES, STATUS_INFO, SIGN_OFF_INFO, isVerdict, type TStatus } from "@/lib/statuses";
import type { TSource } from "@/lib/sources/schemas";

/** Citations in Chicago author-date, by source id, each source formatted once for the whole report. */
export type TCitations = ReadonlyMap<string, string>;

export async function formatCitations(report: TReport): Promise<TCitations> {
  const sources = new Map<string, TSource>();
  const add = (s: TSource | null) => s && sources.set(s.id, s);
  for (const d of report.documents) {
    for (const a of d.annotations) {
      add(a.source);
      for (const e of a.evidence) add(e.source);
    }
  }
  const out = new Map<string, string>();
  for (const source of sources.values()) out.set(source.id, await cachedCitation(source));
  return out;
}

/**
 * citeproc takes several milliseconds a source, and every export of a report formats all of its
 * sources again: formatted citations are kept per process, keyed by the source's whole content,
 * so an edited source is formatted afresh.
 */
const CITATIONS = new Map<string, string>();
const MAX_CACHED_CITATIONS = 10_000;

async function cachedCitation(source: TSource): Promise<string> {
  const key = JSON.stringify(source);
  const known = CITATIONS.get(key);
  if (known !== undefined) return known;
  // A source citeproc cannot format is still named, by its short label.
  const citation = await formatCitation(source, "chicago-author-date").catch(() => sourceLabel(source));
  if (CITATIONS.size >= MAX_CACHED_CITATIONS) CITATIONS.clear();
  CITATIONS.set(key, citation);
  return citation;
}

export function citationOf(source: TSource, citations: TCitations): string {
  return citations.get(source.id) || sourceLabel(source);
}

/** The report's title: the document's for one document, the workspace's for several. */
export function reportTitle(report: TReport): string {
  return report.documents.length === 1 ? report.documents[0].title : report.workspace.name;
}

export function formatIso(iso: string): string {
  return formatDateTime(new Date(iso));
}

export function statusLine(status: TStatus): string {
  const info = STATUS_INFO[status];
  return `${info.symbol} ${info.label}`;
}

/** "All statuses", or the chosen ones in vocabulary order. */
export function statusesShown(report: TReport): string {
  const chosen = report.options.statuses;
  if (!chosen?.length || chosen.length === STATUSES.length) return "All statuses";
  return STATUSES.filter((s) => chosen.includes(s))
    .map((s) => STATUS_INFO[s].label)
    .join(", ");
}

export function peopleLine(report: TReport): string {
  return report.reviewers.length ? report.reviewers.map((p) => p.name).join(", ") : "Nobody yet";
}

export type TLink = { label: string; href: string };

/** Only web addresses become links: whatever else a field holds stays text. */
export function safeHref(url: string): string | null {
  return /^https?:\/\/\S+$/i.test(url.trim()) ? url.trim() : null;
}

export type TNoteEvidence = {
  stance: string;
  passage: string;
  translation: string;
  /** Citation of the passage's source, locator and accessed date, as one line. */
  details: string;
  note: string;
  links: TLink[];
};

/** A labelled value, with live links after it: what the renderings lay out as "Label: value". */
export type TFact = { label: string; value: string; links?: TLink[] };

// The import preview's words (components/documents/import-preview-card.tsx); one list, once it lives in lib/documents.

let languageNames: Intl.DisplayNames | undefined;

/** "Russian (ru)"; the code alone when it names no language. */
function languageName(code: string): string {
  languageNames ??= new Intl.DisplayNames("en", { type: "language", fallback: "none" });
  let name: string | undefined;
  try {
    name = languageNames.of(code);
  } catch {
    // Not a well-formed language tag: shown as stored.
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/**
 * The document's own provenance, worded for a reader: who wrote and published it and when, where
 * it was taken from and when, its archived copy, its language, and the original file (format,
 * pages, size, SHA-256, so a reader can check a copy). Only what is known; for any document, the
 * revision and SHA-256 of the text the report was made from.
 */
export function provenanceFacts(doc: TReportDocument): TFact[] {
  const { format, metadata: m, original, pageStarts } = doc.provenance;
  const link = (url: string | null): TLink[] => (url && safeHref(url) ? [{ label: "Open", href: safeHref(url)! }] : []);
  // The text the report was made from, so a reader can tell which revision its offsets and quotes are of.
  const facts: TFact[] = [{ label: "Text", value: `Revision ${doc.revision}, SHA-256 ${doc.sha256}` }];
  if (m.authors.length) facts.push({ label: m.authors.length === 1 ? "Author" : "Authors", value: m.authors.join(", ") });
  if (m.publisher) facts.push({ label: "Publisher", value: m.publisher });
  if (m.datePublished) facts.push({ label: "Published", value: formatPartialDate(m.datePublished) });
  if (m.originalUrl) facts.push({ label: "Original URL", value: m.originalUrl, links: link(m.originalUrl) });
  if (m.retrievedAt) facts.push({ label: "Retrieved", value: formatDateTime(m.retrievedAt) });
  if (m.archivedUrl) facts.push({ label: "Archived copy", value: m.archivedUrl, links: link(m.archivedUrl) });
  if (m.language) facts.push({ label: "Language", value: languageName(m.language) });
  if (original) {
    const pages = pageStarts.length ? [formatCount(pageStarts.length, "page")] : [];
    facts.push({ label: "Original file", value: [DOCUMENT_FORMAT_LABELS[format], ...pages, formatBytes(original.size), `SHA-256 ${original.sha256}`].join(", ") });
  } else if (format !== "txt") {
    facts.push({ label: "Format", value: DOCUMENT_FORMAT_LABELS[format] });
  }
  return facts;
}

export type TNote = {
  n: number;
  /** Anchor ids: the note, and its number in the text. */
  id: string;
  refId: string;
  quote: string;
  /** Each rendering shows the status with its meaning in the note's heading, not among the facts. */
  status: TStatus;
  facts: TFact[];
  /** The attribution chain's hops in order, hop 1 first, each as one line. */
  chain: string[];
  evidence: TNoteEvidence[];
  /** Live comments when the report asks for them: `html` is sanitized as stored, `text` its plain words. */
  comments: { byline: string; html: string; text: string }[];
};

function by(person: { name: string } | null, iso: string | null): string {
  return [person ? `by ${person.name}` : "", iso ? `on ${formatIso(iso)}` : ""].filter(Boolean).join(" ");
}

/** Who set the verdict and who confirmed it (or sent it back), in words. */
function verdictFacts(a: TReportAnnotation): TNote["facts"] {
  const facts: TNote["facts"] = [];
  if (isVerdict(a.status) && (a.verdictBy || a.verdictAt)) facts.push({ label: "Verdict", value: `${STATUS_INFO[a.status].label}, set ${by(a.verdictBy, a.verdictAt)}` });
  if (a.signOff === "CONFIRMED") facts.push({ label: "Confirmed", value: `${SIGN_OFF_INFO.CONFIRMED.symbol} Signed off ${by(a.signedOffBy, a.signedOffAt)}` });
  if (a.signOff === "AWAITING") facts.push({ label: "Confirmed", value: `${SIGN_OFF_INFO.AWAITING.symbol} Not yet: awaiting sign-off` });
  if (a.signOff === "RETURNED") {
    const reason = a.signOffNote ? `: ${a.signOffNote}` : "";
    facts.push({ label: "Confirmed", value: `${SIGN_OFF_INFO.RETURNED.symbol} No: returned ${by(a.signedOffBy, a.signedOffAt)}${reason}` });
  }
  return facts;
}

export function noteAnchors(docIndex: number, n: number): { id: string; refId: string } {
  return { id: `note-${docIndex + 1}-${n}`, refId: `ref-${docIndex + 1}-${n}` };
}

export function noteOf(options: { annotation: TReportAnnotation; docIndex: number; citations: TCitations }): TNote {
  const a = options.annotation;
  const facts: TNote["facts"] = [];
  // Where the quote is in a paged document (an orphaned one's old place is no longer known to be right).
  const page = a.orphaned ? null : pageLocator(a);
  if (page) facts.push({ label: "In the document", value: page });
  if (a.source) {
    const links = [
      ...(safeHref(a.source.url) ? [{ label: "Source link", href: safeHref(a.source.url)! }] : []),
      ...(safeHref(a.source.archivedUrl) ? [{ label: "Archived copy", href: safeHref(a.source.archivedUrl)! }] : []),
    ];
    facts.push({ label: "Claimed source", value: citationOf(a.source, options.citations), links });
  } else {
    facts.push({ label: "Claimed source", value: "None recorded" });
  }
  if (a.locator) facts.push({ label: "Locator", value: a.locator });
  if (a.attributionText) facts.push({ label: "Attribution in the text", value: a.attributionText });
  facts.push(...verdictFacts(a));
  if (a.note) facts.push({ label: "Note", value: a.note });
  return {
    n: a.n,
    ...noteAnchors(options.docIndex, a.n),
    quote: a.exact,
    status: a.status,
    facts,
    chain: a.chain.map((hop) => [hop.label, hop.locator, hop.note].filter(Boolean).join(" — ")),
    evidence: a.evidence.map((e) => ({
      stance: `${STANCE_INFO[e.stance].symbol} ${STANCE_INFO[e.stance].label}`,
      passage: e.passage,
      translation: e.passageTranslation,
      details: [e.source ? citationOf(e.source, options.citations) : "", e.locator, e.accessedOn ? `accessed ${e.accessedOn}` : ""].filter(Boolean).join(" · "),
      note: e.note,
      links: [
        ...(safeHref(e.url) ? [{ label: "Link", href: safeHref(e.url)! }] : []),
        ...(safeHref(e.archivedUrl) ? [{ label: "Archived copy", href: safeHref(e.archivedUrl)! }] : []),
      ],
    })),
    comments: a.comments.map((c) => ({ byline: `${c.author.name}, ${formatIso(c.createdAt)}${c.editedAt ? " (edited)" : ""}`, html: c.html, text: c.text })),
  };
}

/** Placed notes (numbered in the text) and the ones an import could not place. */
export function splitPlaced(doc: TReportDocument): { placed: TReportAnnotation[]; orphaned: TReportAnnotation[] } {
  return { placed: doc.annotations.filter((a) => !a.orphaned), orphaned: doc.annotations.filter((a) => a.orphaned) };
}

/** A count as a percentage of the total, for bar widths. */
export function share(count: number, total: number): number {
  return total === 0 ? 0 : (count / total) * 100;
}
