/**
 * Our own JSON: everything the report holds, in a versioned shape described by the JSON Schema
 * at /schemas/provenant-export-v2.json (public/schemas/). Sources are listed once and named by id
 * from annotations and evidence. A change of shape is a new version and a new schema file (the
 * old ones stay served, for exports already made): v2 added each document's provenance (format,
 * metadata, original file, pages) and each annotation's page; later, each annotation's source label and
 * outlet (optional in the schema, so exports made before still validate). Pure.
 */
import type { TPerson } from "@/lib/annotations/schemas";
import type { TComment } from "@/lib/comments/schemas";
import { presentProvenance } from "@/lib/documents/present";
import type { TEvidence } from "@/lib/evidence/schemas";
import { citedSources } from "@/lib/exports/cited-sources";
import type { TRenderer } from "@/lib/exports/types";
import { annotationUrl } from "@/lib/exports/urls";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import { sourceLabel } from "@/lib/sources/label";
import type { TSource } from "@/lib/sources/schemas";
import { STATUS_INFO } from "@/lib/statuses";

export const EXPORT_SCHEMA_VERSION = 2;
/** Where the schema is served (Next serves public/ at the root). */
export const EXPORT_SCHEMA_PATH = "/schemas/provenant-export-v2.json";

const person = (p: TPerson | null) => (p ? { id: p.id, name: p.name, email: p.email } : null);

function presentSource(s: TSource) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { workspaceId, ...rest } = s;
  return rest;
}

function presentEvidence(e: TEvidence) {
  return {
    id: e.id,
    sourceId: e.source?.id ?? e.sourceId,
    locator: e.locator,
    passage: e.passage,
    passageTranslation: e.passageTranslation,
    url: e.url,
    archivedUrl: e.archivedUrl,
    accessedOn: e.accessedOn,
    stance: e.stance,
    note: e.note,
    version: e.version,
    createdBy: person(e.createdBy),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function presentComment(c: TComment) {
  return { id: c.id, author: person(c.author), html: c.html, text: c.text, version: c.version, createdAt: c.createdAt, editedAt: c.editedAt };
}

function presentAnnotation(report: TReport, a: TReportAnnotation) {
  return {
    id: a.id,
    url: annotationUrl(report.origin, a.id),
    n: a.n,
    orphaned: a.orphaned,
    documentRevision: a.documentRevision,
    start: a.start,
    end: a.end,
    page: a.page,
    endPage: a.endPage,
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    status: a.status,
    statusLabel: STATUS_INFO[a.status].label,
    sourceId: a.source?.id ?? null,
    // Named here as well as in `sources`, so a reader of one annotation sees who it cites and the outlet.
    sourceLabel: a.source ? sourceLabel(a.source) : null,
    sourceOutlet: a.source?.containerTitle ?? "",
    locator: a.locator,
    attributionText: a.attributionText,
    note: a.note,
    version: a.version,
    createdBy: person(a.createdBy),
    updatedBy: person(a.updatedBy),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    assignee: person(a.assignee),
    onChecklist: a.onChecklist,
    verdictBy: person(a.verdictBy),
    verdictAt: a.verdictAt,
    signOff: a.signOff,
    signedOffBy: person(a.signedOffBy),
    signedOffAt: a.signedOffAt,
    signOffNote: a.signOffNote,
    evidenceCount: a.evidenceCount,
    evidence: a.evidence.map(presentEvidence),
    chain: a.chain.map((hop) => ({ sourceId: hop.sourceId, title: hop.title, locator: hop.locator, note: hop.note })),
    commentCount: a.commentCount,
    threadResolved: a.threadResolved,
    ...(report.options.includeComments ? { comments: a.comments.map(presentComment) } : {}),
  };
}

function presentDocument(report: TReport, d: TReportDocument) {
  return {
    id: d.id,
    title: d.title,
    url: d.url,
    sha256: d.sha256,
    length: d.length,
    revision: d.revision,
    ...presentProvenance(d.provenance),
    text: d.text,
    annotations: d.annotations.map((a) => presentAnnotation(report, a)),
  };
}

/** The export as a value (the renderer writes it; tests validate it against the schema). */
export function toExportJson(report: TReport) {
  return {
    $schema: `${report.origin}${EXPORT_SCHEMA_PATH}`,
    version: EXPORT_SCHEMA_VERSION,
    generatedAt: report.generatedAt,
    origin: report.origin,
    workspace: { id: report.workspace.id, name: report.workspace.name },
    options: { statuses: report.options.statuses?.length ? report.options.statuses : null, includeText: report.options.includeText, includeComments: report.options.includeComments },
    reviewers: report.reviewers.map(person),
    summary: { total: report.summary.total, byStatus: report.summary.byStatus, openQuestions: report.summary.openQuestions },
    documents: report.documents.map((d) => presentDocument(report, d)),
    sources: citedSources(report).map(presentSource),
  };
}

export const renderJson: TRenderer = async (report) => ({
  body: `${JSON.stringify(toExportJson(report), null, 2)}\n`,
  contentType: "application/json; charset=utf-8",
  extension: "json",
});
