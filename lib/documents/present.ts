import type { TDocument, TDocumentSummary } from "@/lib/documents/queries";

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

export function presentDocument(d: TDocument) {
  return { ...presentDocumentSummary(d), revision: d.revision, createdAt: d.createdAt.toISOString(), text: d.text };
}
