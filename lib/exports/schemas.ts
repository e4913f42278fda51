/** Export formats as the UI names them, the background export job's input and what the API returns of a job. No server imports. */
import { z } from "zod";
import { EXPORT_FORMATS, type TExportFormat } from "@/lib/reports/schemas";
import { STATUSES } from "@/lib/statuses";

export const EXPORT_FORMAT_LABELS: Record<TExportFormat, string> = {
  pdf: "PDF report",
  html: "HTML report (standalone page)",
  md: "Markdown report",
  csv: "CSV, one row per annotation",
  json: "JSON (Provenant export schema)",
  w3c: "W3C Web Annotation (JSON-LD)",
  claimreview: "schema.org ClaimReview (JSON-LD)",
  csl: "CSL-JSON of the sources cited",
  bibtex: "BibTeX of the sources cited",
};

/** At most this many of one's exports may run at once; more is 429 until one finishes. */
export const MAX_RUNNING_EXPORTS = 3;

/** A workspace export of more documents than this is not built while the request waits: 202 with a job instead. */
export const SYNC_EXPORT_MAX_DOCUMENTS = 10;

/** A workspace export to build in the background: the workspace report's options as JSON. */
export const ZStartExport = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { error: `Use one of ${EXPORT_FORMATS.join(", ")}` }),
  /** Document ids; all of the workspace's documents when absent or empty. */
  documents: z.array(z.string().min(1), { error: "Send the document ids as a list" }).max(10_000, "At most 10,000 documents").optional(),
  statuses: z.array(z.enum(STATUSES, { error: `Use statuses among ${STATUSES.join(", ")}` }), { error: "Send the statuses as a list" }).optional(),
  text: z.boolean({ error: "Send true or false" }).default(true),
  comments: z.boolean({ error: "Send true or false" }).default(false),
});
export type TStartExport = z.input<typeof ZStartExport>;
export type TStartExportParsed = z.output<typeof ZStartExport>;

export const EXPORT_JOB_STATES = ["RUNNING", "DONE", "FAILED", "CANCELLED"] as const;
export type TExportJobState = (typeof EXPORT_JOB_STATES)[number];

/** A background export as the API returns it; `done` of `total` documents read so far. */
export type TExportJob = {
  id: string;
  workspaceId: string;
  format: TExportFormat;
  state: TExportJobState;
  done: number;
  total: number;
  /** The file's name, once it is ready. */
  fileName: string;
  /** Why it failed, in words for the user. */
  error: string;
  createdAt: string;
  updatedAt: string;
};

/** Where a finished job's file is downloaded. */
export function exportDownloadUrl(jobId: string): string {
  return `/api/v1/exports/${encodeURIComponent(jobId)}/download`;
}
