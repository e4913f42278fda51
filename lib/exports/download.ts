import "server-only";
import { AppError } from "@/lib/errors";
import { renderExport, REPORT_PARTS, type TExportFile } from "@/lib/exports/registry";
import { loadDocumentReport, loadWorkspaceReport } from "@/lib/reports/load";
import type { TReportOptions, ZReportQuery } from "@/lib/reports/schemas";
import type { z } from "zod";

type TQuery = z.output<typeof ZReportQuery>;

function formatOf(query: TQuery) {
  if (!query.format) throw new AppError("VALIDATION", "Choose a format", { format: "Choose a format" });
  return query.format;
}

export function reportOptions(query: Pick<TQuery, "statuses" | "text" | "comments">): TReportOptions {
  return { statuses: query.statuses?.length ? query.statuses : undefined, includeText: query.text, includeComments: query.comments };
}

/** GET /api/v1/documents/:id/export: the document's report as a file, for any member; 404 for anyone else. */
export async function exportDocumentFile(options: { userId: string; documentId: string; origin: string; query: TQuery }): Promise<TExportFile> {
  const format = formatOf(options.query);
  if (options.query.documents !== undefined) throw new AppError("BAD_REQUEST", "A document export takes no documents parameter", { documents: "Unknown field" });
  const report = await loadDocumentReport({
    userId: options.userId,
    documentId: options.documentId,
    origin: options.origin,
    options: reportOptions(options.query),
    parts: REPORT_PARTS[format],
  });
  return renderExport({ report, format, name: report.documents[0].title });
}

/** GET /api/v1/workspaces/:id/export: the workspace's report (all documents, or those named) as a file, for any member. */
export async function exportWorkspaceFile(options: { userId: string; workspaceId: string; origin: string; query: TQuery }): Promise<TExportFile> {
  const format = formatOf(options.query);
  const report = await loadWorkspaceReport({
    userId: options.userId,
    workspaceId: options.workspaceId,
    documentIds: options.query.documents,
    origin: options.origin,
    options: reportOptions(options.query),
    parts: REPORT_PARTS[format],
  });
  return renderExport({ report, format, name: report.workspace.name });
}
