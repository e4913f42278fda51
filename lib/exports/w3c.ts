/**
 * W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): the report's annotations
 * as one AnnotationCollection with one embedded AnnotationPage. Each annotation targets the
 * document's page by a TextQuoteSelector and a TextPositionSelector (offsets in code points, as we
 * store them; none for an orphaned one) and has these bodies:
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
import { annotationUrl, personUrl, reportExportUrl, sourceUrl } from "@/lib/exports/urls";
import { citationOf, formatCitations, type TCitations } from "@/lib/reports/notes";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import { STATUS_INFO } from "@/lib/statuses";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const W3C_CONTENT_TYPE = `application/ld+json; profile="${ANNO_CONTEXT}"`;

type TBody = Record<string, unknown>;

const textBody = (purpose: string, value: string, extra: TBody = {}): TBody => ({ type: "TextualBody", purpose, value, format: "text/plain", ...extra });

export function toW3cAnnotation(report: TReport, document: TReportDocument, a: TReportAnnotation, citations: TCitations) {
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
      source: document.url,
      // An orphaned annotation (imported, not found in the text) has no position: only its quote, to find it by.
      selector: [
        { type: "TextQuoteSelector", exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        ...(a.orphaned ? [] : [{ type: "TextPositionSelector", start: a.start, end: a.end }]),
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
  const items = report.documents.flatMap((document) => document.annotations.map((a) => toW3cAnnotation(report, document, a, citations)));
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
