/** Absolute URLs that exports name things by. Pure. */
import { noteAnchors } from "@/lib/reports/notes";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";

/** The annotation in the API: its W3C id. */
export function annotationUrl(origin: string, annotationId: string): string {
  return `${origin}/api/v1/annotations/${encodeURIComponent(annotationId)}`;
}

/** The source's page in the app. */
export function sourceUrl(origin: string, sourceId: string): string {
  return `${origin}/sources/${encodeURIComponent(sourceId)}`;
}

/** A member, as an IRI (creators in W3C annotations); no personal data in it. */
export function personUrl(origin: string, userId: string): string {
  return `${origin}/users/${encodeURIComponent(userId)}`;
}

/** The annotation's numbered note in its document's own report page (where the document is the first and only one). */
export function reportNoteUrl(report: TReport, document: TReportDocument, annotation: TReportAnnotation): string {
  return `${report.origin}/documents/${encodeURIComponent(document.id)}/report#${noteAnchors(0, annotation.n).id}`;
}

/**
 * The API URL that gives this report again in `format`: the document's export for a report of one
 * document, else the workspace's export of exactly these documents, with the same options.
 */
export function reportExportUrl(report: TReport, format: string): string {
  const params = new URLSearchParams({ format });
  const single = report.documents.length === 1 ? report.documents[0] : null;
  if (!single) params.set("documents", report.documents.map((d) => d.id).join(","));
  if (report.options.statuses?.length) params.set("statuses", report.options.statuses.join(","));
  params.set("text", report.options.includeText ? "1" : "0");
  params.set("comments", report.options.includeComments ? "1" : "0");
  const path = single ? `documents/${encodeURIComponent(single.id)}` : `workspaces/${encodeURIComponent(report.workspace.id)}`;
  return `${report.origin}/api/v1/${path}/export?${params.toString().replace(/%2C/g, ",")}`;
}
