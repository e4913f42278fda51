import { pageList } from "@/lib/documents/pages";
import type { TDocument, TDocumentProvenance, TDocumentSummary } from "@/lib/documents/queries";

/** What the API shows of a document; the workspace name stays a UI concern. */
export function presentDocumentSummary(d: TDocumentSummary) {
  return {
    id: d.id,
    workspaceId: d.workspaceId,
    title: d.title,
    length: d.length,
    sha256: d.sha256,
    annotationCount: d.annotationCount,
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The document's provenance as the API, the exports and the reports show it. */
export function presentProvenance(d: TDocumentProvenance) {
  return {
    format: d.format,
    metadata: { ...d.metadata, retrievedAt: d.metadata.retrievedAt?.toISOString() ?? null },
    metadataVersion: d.metadataVersion,
    original: d.original ? { sha256: d.original.sha256, size: d.original.size, mediaType: d.original.mediaType } : null,
    pages: pageList(d.pageStarts),
  };
}

export function presentDocument(d: TDocument) {
  return { ...presentDocumentSummary(d), revision: d.revision, createdAt: d.createdAt.toISOString(), ...presentProvenance(d), text: d.text };
}
