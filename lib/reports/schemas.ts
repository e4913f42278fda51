import { z } from "zod";
import type { TAnnotation, TPerson } from "@/lib/annotations/schemas";
import type { TComment } from "@/lib/comments/schemas";
import type { TDocumentProvenance } from "@/lib/documents/queries";
import type { TEvidence } from "@/lib/evidence/schemas";
import type { TSource } from "@/lib/sources/schemas";
import { STATUSES, type TStatus } from "@/lib/statuses";

/**
 * The annotated citation report: one model, loaded once (lib/reports/load.ts), that every
 * rendering reads — the report page, HTML, Markdown, PDF, CSV, JSON, W3C, ClaimReview.
 */

/** Every download format, for a document and for a workspace. */
export const EXPORT_FORMATS = ["pdf", "html", "md", "csv", "json", "w3c", "claimreview", "csl", "bibtex"] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

const ZStatusList = z
  .string()
  .transform((v) => v.split(",").filter(Boolean))
  .pipe(z.array(z.enum(STATUSES, { error: `Use statuses among ${STATUSES.join(", ")}` })));
const ZFlag = z.enum(["0", "1", "true", "false"], { error: "Use 1 or 0" }).transform((v) => v === "1" || v === "true");

/** Report options as query parameters: `statuses=VERIFIED,CONTRADICTED&text=0&comments=1` (and `documents=id,id` for a workspace). */
export const ZReportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { error: `Use one of ${EXPORT_FORMATS.join(", ")}` }).optional(),
  statuses: ZStatusList.optional(),
  text: ZFlag.default(true),
  comments: ZFlag.default(false),
  documents: z
    .string()
    .transform((v) => v.split(",").filter(Boolean))
    .optional(),
});

export type TReportOptions = {
  /** Only annotations with these statuses; all when absent or empty. */
  statuses?: TStatus[];
  /** The document text with numbered spans (true), or the notes alone. */
  includeText: boolean;
  includeComments: boolean;
};

/** What a rendering reads of the report besides its annotations: the loader skips what it does not. */
export type TReportParts = { evidence: boolean; comments: boolean; text: boolean };

/** One note of the report: an annotation with everything said about it. `n` numbers it within its document, in text order. */
export type TReportAnnotation = TAnnotation & {
  n: number;
  /** Imported but not found in the text: numbered after the others, listed under "Not placed in the text". */
  orphaned: boolean;
  evidence: TEvidence[];
  /** Live comments, oldest first; empty unless the report asks for comments. */
  comments: TComment[];
};

export type TReportDocument = {
  id: string;
  title: string;
  /** The document's page in the app, absolute (W3C target source, ClaimReview appearance). */
  url: string;
  sha256: string;
  length: number;
  revision: number;
  /** What the document was taken from (format, original file, pages) and its own metadata (authors, publisher, dates, URLs). */
  provenance: TDocumentProvenance;
  /** The canonical text, when the report includes it. */
  text: string | null;
  annotations: TReportAnnotation[];
};

export type TReportSummary = {
  total: number;
  byStatus: Record<TStatus, number>;
  /** Cited sources (by annotations in the report) with their status counts, most cited first. */
  sources: { source: TSource; total: number; byStatus: Record<TStatus, number> }[];
  /** Annotations still open: no verdict yet, awaiting sign-off, returned, or with an unresolved discussion. */
  openQuestions: number;
};

export type TReport = {
  /** ISO time the report was generated. */
  generatedAt: string;
  /** The app's origin, e.g. "https://provenant.example" (absolute URLs in exports). */
  origin: string;
  workspace: { id: string; name: string };
  /** Everyone who created, changed, gave a verdict on or signed off an annotation in the report. */
  reviewers: TPerson[];
  documents: TReportDocument[];
  summary: TReportSummary;
  options: TReportOptions;
};
