/**
 * CSV: one row per annotation, for spreadsheets. csv-stringify does the quoting and the
 * formula-injection escape (a cell starting with = + - @, a tab or a carriage return gets a
 * leading apostrophe, OWASP's advice); UTF-8 with a byte-order mark and CRLF line ends, which
 * Excel needs to read non-Latin text and rows. Pure.
 */
import { stringify } from "csv-stringify/sync";
import type { TPerson } from "@/lib/annotations/schemas";
import type { TRenderer } from "@/lib/exports/types";
import type { TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import { sourceLabel } from "@/lib/sources/label";
import { formatAuthors, SOURCE_KIND_LABELS } from "@/lib/sources/schemas";
import { SIGN_OFF_INFO, STATUS_INFO } from "@/lib/statuses";

const person = (p: TPerson | null) => p?.name ?? "";

/**
 * "5", or "5–6" across pages; empty without pages or a place. An en dash, not a hyphen: a
 * spreadsheet reads "5-6" as the date 5 June (or 6 May) and shows that instead.
 */
function pages(a: TReportAnnotation): string {
  if (a.orphaned || a.page === null) return "";
  return a.endPage !== null && a.endPage !== a.page ? `${a.page}–${a.endPage}` : String(a.page);
}

/** The columns in order: header and how each cell is read from an annotation of a document. */
export const CSV_COLUMNS: [string, (d: TReportDocument, a: TReportAnnotation) => string | number][] = [
  ["Document", (d) => d.title],
  ["Document ID", (d) => d.id],
  // The revision of the text the offsets count in, and that text's hash.
  ["Revision", (d) => d.revision],
  ["Text SHA-256", (d) => d.sha256],
  ["Annotation ID", (_, a) => a.id],
  ["Needs re-check", (_, a) => (a.needsRecheck ? "Yes" : "")],
  // An orphaned annotation (imported, not found in the text) has no place: no start or end.
  ["Start", (_, a) => (a.orphaned ? "" : a.start)],
  ["End", (_, a) => (a.orphaned ? "" : a.end)],
  // In a paged document (a PDF): where the span is in the document, not in its claimed source (that is "Locator").
  ["Page", (_, a) => pages(a)],
  ["Placed", (_, a) => (a.orphaned ? "No" : "Yes")],
  ["Quote", (_, a) => a.exact],
  // The source as the reading view names it, then its parts: the outlet is an article's newspaper or journal.
  ["Source", (_, a) => (a.source ? sourceLabel(a.source) : "")],
  ["Source title", (_, a) => a.source?.title ?? ""],
  ["Source outlet", (_, a) => a.source?.containerTitle ?? ""],
  ["Source authors", (_, a) => formatAuthors(a.source?.authors ?? [])],
  ["Source kind", (_, a) => (a.source ? SOURCE_KIND_LABELS[a.source.kind] : "")],
  ["Source date", (_, a) => a.source?.issued ?? ""],
  ["Source URL", (_, a) => a.source?.url ?? ""],
  ["Locator", (_, a) => a.locator],
  ["Attribution in the text", (_, a) => a.attributionText],
  ["Status", (_, a) => STATUS_INFO[a.status].label],
  ["Evidence count", (_, a) => a.evidenceCount],
  ["Assignee", (_, a) => person(a.assignee)],
  ["Verdict by", (_, a) => person(a.verdictBy)],
  ["Signed off by", (_, a) => person(a.signedOffBy)],
  ["Sign-off", (_, a) => (a.signOff === "NONE" ? "" : SIGN_OFF_INFO[a.signOff].label)],
  ["Created", (_, a) => a.createdAt],
  ["Updated", (_, a) => a.updatedAt],
  ["Note", (_, a) => a.note],
];

export const renderCsv: TRenderer = async (report) => {
  const rows = report.documents.flatMap((d) => d.annotations.map((a) => CSV_COLUMNS.map(([, cell]) => cell(d, a))));
  const text = stringify(rows, {
    header: true,
    columns: CSV_COLUMNS.map(([header]) => header),
    bom: true,
    record_delimiter: "windows",
    escape_formulas: true,
  });
  return { body: Buffer.from(text, "utf8"), contentType: "text/csv; charset=utf-8", extension: "csv" };
};
