/** A TReport built in memory, for renderer and export tests that need no database. */
import { cpLength, cpSlice } from "@/lib/anchoring/code-points";
import type { TPerson } from "@/lib/annotations/schemas";
import { spanPages } from "@/lib/documents/pages";
import type { TDocumentProvenance } from "@/lib/documents/queries";
import type { TEvidence } from "@/lib/evidence/schemas";
import type { TReport, TReportAnnotation, TReportDocument, TReportOptions } from "@/lib/reports/schemas";
import { reviewersOf, summarize } from "@/lib/reports/summary";
import type { TSource } from "@/lib/sources/schemas";
import type { TStatus } from "@/lib/statuses";

export const TEST_ORIGIN = "https://provenant.test";
const AT = "2024-05-01T10:00:00.000Z";

export const ANNA: TPerson = { id: "u-anna", name: "Anna Reviewer", email: "anna@test" };
export const EDGAR: TPerson = { id: "u-edgar", name: "Edgar Editor", email: "edgar@test" };

export type TTestSpan = {
  start: number;
  end: number;
  status?: TStatus;
  source?: TSource | null;
  note?: string;
  locator?: string;
  page?: number;
  endPage?: number;
  orphaned?: boolean;
  evidence?: Partial<TEvidence>[];
  confirmed?: boolean;
  comments?: { html: string; text: string }[];
  chain?: { title: string; locator?: string }[];
};

/** A document pasted as plain text: no original file, no pages, no metadata. */
export const PASTED: TDocumentProvenance = {
  format: "txt",
  pageStarts: [],
  metadata: { authors: [], publisher: null, datePublished: null, originalUrl: null, retrievedAt: null, archivedUrl: null, language: null },
  metadataVersion: 1,
  original: null,
};

/** Provenance from the fields given, the rest as for pasted text. */
export function testProvenance(fields: Partial<Omit<TDocumentProvenance, "metadata">> & { metadata?: Partial<TDocumentProvenance["metadata"]> } = {}): TDocumentProvenance {
  return { ...PASTED, ...fields, metadata: { ...PASTED.metadata, ...fields.metadata } };
}

/**
 * An annotation of `text` at code points start–end, numbered `n`, with what the span asks for;
 * its pages are those of `pageStarts` unless the span gives them.
 */
export function testAnnotation(options: { documentId: string; text: string; n: number; span: TTestSpan; pageStarts?: number[] }): TReportAnnotation {
  const { span, text } = options;
  const pages = spanPages(options.pageStarts ?? [], span.start, span.end);
  const id = `${options.documentId}-a${options.n}`;
  const status = span.status ?? "UNVERIFIED";
  const verdict = status !== "UNVERIFIED" && status !== "IN_PROGRESS";
  return {
    id,
    documentId: options.documentId,
    workspaceId: "ws",
    documentRevision: 1,
    start: span.start,
    end: span.end,
    page: span.page ?? pages.page,
    endPage: span.endPage ?? span.page ?? pages.endPage,
    exact: cpSlice(text, span.start, span.end),
    prefix: "",
    suffix: "",
    status,
    source: span.source ?? null,
    locator: span.locator ?? "",
    attributionText: "",
    note: span.note ?? "",
    version: 1,
    createdBy: ANNA,
    updatedBy: ANNA,
    createdAt: AT,
    updatedAt: AT,
    deletedAt: null,
    evidenceCount: span.evidence?.length ?? 0,
    chain: (span.chain ?? []).map((hop, i) => ({ sourceId: `hop${i}`, title: hop.title, label: hop.title, locator: hop.locator ?? "", note: "" })),
    assignee: null,
    onChecklist: false,
    verdictBy: verdict ? ANNA : null,
    verdictAt: verdict ? AT : null,
    signOff: verdict ? (span.confirmed ? "CONFIRMED" : "AWAITING") : "NONE",
    signedOffBy: span.confirmed ? EDGAR : null,
    signedOffAt: span.confirmed ? AT : null,
    signOffNote: "",
    commentCount: span.comments?.length ?? 0,
    threadResolved: false,
    n: options.n,
    orphaned: span.orphaned ?? false,
    needsRecheck: false,
    anchorSimilarity: null,
    evidence: (span.evidence ?? []).map((e, i) => ({
      id: `${id}-e${i}`,
      annotationId: id,
      sourceId: null,
      source: null,
      locator: "",
      passage: "",
      passageTranslation: "",
      url: "",
      archivedUrl: "",
      accessedOn: "",
      stance: "SUPPORTS",
      note: "",
      version: 1,
      createdBy: ANNA,
      createdAt: AT,
      updatedAt: AT,
      ...e,
    })),
    comments: (span.comments ?? []).map((c, i) => ({ id: `${id}-c${i}`, annotationId: id, author: EDGAR, html: c.html, text: c.text, version: 1, createdAt: AT, editedAt: null, deletedAt: null })),
  };
}

/** A report of documents given as text and spans (numbered in the order given: give them in text order, orphaned last). */
export function testReport(options: {
  documents: { title: string; text: string; spans: TTestSpan[]; provenance?: TDocumentProvenance }[];
  workspaceName?: string;
  options?: Partial<TReportOptions>;
}): TReport {
  const reportOptions: TReportOptions = { includeText: true, includeComments: false, ...options.options };
  const documents: TReportDocument[] = options.documents.map((d, i) => {
    const id = `doc${i + 1}`;
    return {
      id,
      title: d.title,
      url: `${TEST_ORIGIN}/documents/${id}`,
      sha256: "0".repeat(64),
      length: cpLength(d.text),
      revision: 1,
      provenance: d.provenance ?? PASTED,
      text: reportOptions.includeText ? d.text : null,
      annotations: d.spans.map((span, j) => {
        const a = testAnnotation({ documentId: id, text: d.text, n: j + 1, span, pageStarts: d.provenance?.pageStarts });
        // As the loader does: comments counted always, listed only when asked.
        return reportOptions.includeComments ? a : { ...a, comments: [] };
      }),
    };
  });
  const all = documents.flatMap((d) => d.annotations);
  return {
    generatedAt: AT,
    origin: TEST_ORIGIN,
    workspace: { id: "ws", name: options.workspaceName ?? "Khojaly desk" },
    reviewers: reviewersOf(all),
    documents,
    summary: summarize(all),
    options: reportOptions,
  };
}
