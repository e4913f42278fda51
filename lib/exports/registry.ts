/** Every export format and the renderer that makes its file from a report. */
import { renderClaimReview } from "@/lib/exports/claimreview";
import { renderCsv } from "@/lib/exports/csv";
import { exportFileName } from "@/lib/exports/file-name";
import { renderJson } from "@/lib/exports/json";
import { renderBibtex, renderCsl } from "@/lib/exports/sources";
import type { TRenderer } from "@/lib/exports/types";
import { renderW3c } from "@/lib/exports/w3c";
import { renderHtml } from "@/lib/reports/render-html";
import { renderMarkdown } from "@/lib/reports/render-md";
import { renderPdf } from "@/lib/reports/render-pdf";
import type { TExportFormat, TReport, TReportParts } from "@/lib/reports/schemas";

export const RENDERERS: Record<TExportFormat, TRenderer> = {
  pdf: renderPdf,
  html: renderHtml,
  md: renderMarkdown,
  csv: renderCsv,
  json: renderJson,
  w3c: renderW3c,
  claimreview: renderClaimReview,
  csl: renderCsl,
  bibtex: renderBibtex,
};

/**
 * What each format reads besides the annotations, so a download loads no more: CSV, W3C and
 * ClaimReview need neither evidence (CSV counts it, from the annotation's own count), comments nor
 * text; CSL and BibTeX need the evidence's sources.
 */
export const REPORT_PARTS: Record<TExportFormat, TReportParts> = {
  pdf: { evidence: true, comments: true, text: true },
  html: { evidence: true, comments: true, text: true },
  md: { evidence: true, comments: true, text: true },
  json: { evidence: true, comments: true, text: true },
  csv: { evidence: false, comments: false, text: false },
  w3c: { evidence: false, comments: false, text: false },
  claimreview: { evidence: false, comments: false, text: false },
  csl: { evidence: true, comments: false, text: false },
  bibtex: { evidence: true, comments: false, text: false },
};

export type TExportFile = { body: Buffer | string; contentType: string; fileName: string };

/** The report in `format`, named after `name` (the document's title, or the workspace's name) and the report's date. */
export async function renderExport(options: { report: TReport; format: TExportFormat; name: string }): Promise<TExportFile> {
  const file = await RENDERERS[options.format](options.report);
  return { body: file.body, contentType: file.contentType, fileName: exportFileName({ name: options.name, generatedAt: options.report.generatedAt, extension: file.extension }) };
}
