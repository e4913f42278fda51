/**
 * W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): the report's annotations
 * as one AnnotationCollection with one embedded AnnotationPage. Each annotation targets the
 * document's page by a TextQuoteSelector and a TextPositionSelector (offsets in code points, as we
 * store them; none for an orphaned one) and, in a paged document (a PDF), a FragmentSelector
 * `page=N` (RFC 3778, the PDF fragment; N is the page the span starts on, as the RFC names one page
 * only). The selectors are alternatives of different precision (model 4.2: multiple selectors
 * select the same content, some less exactly), not a refinement: a TextPositionSelector refining
 * the page would count from the page's start, and importers that read only the text selectors
 * (ours, lib/imports/parse.ts) still find them at the top level. The target's `source` is the
 * document as an External Web Resource (model 3.2.1): its id (its page here), type Text, `format`
 * (the media type of the original it was taken from, which `page=` refers to) and `language`,
 * `creator` (its authors), `via` (the address it was taken from, model 3.3.7), and, in the
 * context's dcterms and schema prefixes, `dcterms:publisher`, `dcterms:issued` (the date
 * published, which may be a year alone, so not the model's date-time `created`) and
 * `schema:archivedAt`. It has these bodies:
 * - the claimed source: a SpecificResource with purpose "linking" to the source's URL, or to its
 *   page here when it has none, and a TextualBody with purpose "tagging" holding its citation.
 *   (The model's test suite refuses `purpose` on an External Web Resource, and on a TextualBody
 *   that has an `id`, so a purpose always sits on a SpecificResource or an id-less TextualBody.)
 * - the status: a TextualBody with purpose "assessing" whose value is the status label
 *   ("Partly verified"), and one with purpose "classifying" whose value is the machine name
 *   ("PARTLY_VERIFIED"), which an import reads back without parsing labels.
 * - the note, when there is one: a TextualBody with purpose "commenting".
 * Checked against the model's MUST assertions in lib/exports/w3c.test.ts.
 */
import type { TRenderer } from "@/lib/exports/types";
import type { TDocumentFormat } from "@/lib/documents/schemas";
import { annotationUrl, personUrl, reportExportUrl, sourceUrl } from "@/lib/exports/urls";
import { citationOf, formatCitations, type TCitations } from "@/lib/reports/notes";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import { STATUS_INFO } from "@/lib/statuses";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const W3C_CONTENT_TYPE = `application/ld+json; profile="${ANNO_CONTEXT}"`;

type TBody = Record<string, unknown>;

const textBody = (purpose: string, value: string, extra: TBody = {}): TBody => ({ type: "TextualBody", purpose, value, format: "text/plain", ...extra });

/** Media types of documents that were pasted (no original file to take the type from). */
const FORMAT_MEDIA_TYPES: Record<TDocumentFormat, string> = {
  txt: "text/plain",
  md: "text/markdown",
  html: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

/** The document as the target's source: an External Web Resource with what is known of its provenance. */
export function w3cSource(document: TReportDocument) {
  const { format, metadata: m, original } = document.provenance;
  return {
    id: document.url,
    type: "Text",
    format: original?.mediaType ?? FORMAT_MEDIA_TYPES[format],
    ...(m.language ? { language: m.language } : {}),
    ...(m.authors.length ? { creator: m.authors.map((name) => ({ name })) } : {}),
    ...(m.publisher ? { "dcterms:publisher": m.publisher } : {}),
    ...(m.datePublished ? { "dcterms:issued": m.datePublished } : {}),
    ...(m.originalUrl ? { via: m.originalUrl } : {}),
    ...(m.archivedUrl ? { "schema:archivedAt": m.archivedUrl } : {}),
    // The revision of the text the positions count in, and that text's hash.
    "schema:version": String(document.revision),
    "schema:sha256": document.sha256,
  };
}

/** RFC 3778's fragment for the page the span starts on; none outside a paged document or without a place. */
const pageSelector = (a: TReportAnnotation) =>
  a.orphaned || a.page === null ? [] : [{ type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3778", value: `page=${a.page}` }];

export function toW3cAnnotation(report: TReport, document: TReportDocument, a: TReportAnnotation, citations: TCitations, source = w3cSource(document)) {
  const motivation = ["assessing"];
  const body: TBody[] = [];
  if (a.source) {
    motivation.push("linking");
    body.push({ type: "SpecificResource", purpose: "linking", source: a.source.url || sourceUrl(report.origin, a.source.id) });
    body.push(textBody("tagging", citationOf(a.source, citations)));
  }
  body.push(textBody("assessing", STATUS_INFO[a.status].label, { language: "en" }));
  body.push(textBody("classifying", a.status));
  if (a.note.trim()) {
    motivation.push("commenting");
    body.push(textBody("commenting", a.note));
  }
  return {
    "@context": ANNO_CONTEXT,
    id: annotationUrl(report.origin, a.id),
    type: "Annotation",
    motivation,
    created: a.createdAt,
    modified: a.updatedAt,
    creator: { id: personUrl(report.origin, a.createdBy.id), type: "Person", name: a.createdBy.name },
    body,
    target: {
      source,
      // An orphaned annotation (imported, not found in the text) has no position: only its quote, to find it by.
      selector: [
        { type: "TextQuoteSelector", exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        ...(a.orphaned ? [] : [{ type: "TextPositionSelector", start: a.start, end: a.end }]),
        ...pageSelector(a),
      ],
    },
  };
}

function label(report: TReport): string {
  const [only] = report.documents;
  return report.documents.length === 1 ? `${only.title} (${report.workspace.name})` : `${report.workspace.name}: ${report.documents.length} documents`;
}

export async function toW3cCollection(report: TReport) {
  const citations = await formatCitations(report);
  const items = report.documents.flatMap((document) => {
    const source = w3cSource(document);
    return document.annotations.map((a) => toW3cAnnotation(report, document, a, citations, source));
  });
  const id = reportExportUrl(report, "w3c");
  return {
    "@context": ANNO_CONTEXT,
    id,
    type: "AnnotationCollection",
    label: label(report),
    generated: report.generatedAt,
    total: items.length,
    // An empty collection has no pages (the model's `first` is for collections with items).
    ...(items.length > 0 ? { first: { id: `${id}#page-1`, type: "AnnotationPage", startIndex: 0, items } } : {}),
  };
}

export const renderW3c: TRenderer = async (report) => ({
  body: `${JSON.stringify(await toW3cCollection(report), null, 2)}\n`,
  contentType: W3C_CONTENT_TYPE,
  extension: "w3c.jsonld",
});
