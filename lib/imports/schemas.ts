/** Input and result shapes of annotation import; no server imports, shared with the import page. */
import { z } from "zod";
import type { TStatus } from "@/lib/statuses";

export const ANNOTATION_IMPORT_FORMATS = ["w3c", "hypothesis"] as const;
export type TAnnotationImportFormat = (typeof ANNOTATION_IMPORT_FORMATS)[number];

export const ANNOTATION_IMPORT_FORMAT_LABELS: Record<TAnnotationImportFormat, string> = {
  w3c: "W3C Web Annotation (JSON-LD)",
  hypothesis: "Hypothesis (API JSON)",
};

/** Larger files are refused (413) before parsing. */
export const MAX_ANNOTATION_IMPORT_BYTES = 5 * 1024 * 1024;

const fields = {
  format: z.enum(ANNOTATION_IMPORT_FORMATS, { error: "Choose W3C Web Annotation or Hypothesis" }),
  content: z.string({ error: "Upload a file or paste its content" }).min(1, "Upload a file or paste its content"),
  /** Failed items become orphaned annotations to place by hand (true unless said otherwise: nothing is dropped silently). */
  keepOrphans: z.boolean({ error: "Send true or false" }).default(true),
};

/** POST /api/v1/documents/:id/annotations/import */
export const ZImportAnnotationsRequest = z.strictObject({ ...fields, dryRun: z.boolean({ error: "Send true or false" }).optional() });

/** What the import page sends; the action it calls says whether it is a preview. */
export const ZImportAnnotationsInput = z.strictObject(fields);
export type TImportAnnotationsInput = z.input<typeof ZImportAnnotationsInput>;

export const IMPORT_STATES = ["anchored", "moved", "failed"] as const;
export type TImportState = (typeof IMPORT_STATES)[number];

export type TImportSourcePlan = {
  /** The workspace's source it matched, or null when it is to be created. */
  id: string | null;
  title: string;
  /** As the app names sources everywhere (lib/sources/label.ts). */
  label: string;
  /** How it matched: the same URL, the same title (folded), or a link to the source in this app. */
  by: "url" | "title" | "id" | null;
};

/** One item of the file as it would be imported. Offsets are code points of the document's text. */
export type TImportPreviewItem = {
  /** Position in the file, from 0. */
  index: number;
  state: TImportState;
  /** Where it goes (anchored, moved). */
  start?: number;
  end?: number;
  /** The quote as the file has it. */
  exact: string;
  /** The text at the new position, when an approximate match differs from the quote. */
  found?: string;
  /** The old position, when the file gives one (Hypothesis positions converted from UTF-16 units). */
  oldStart?: number;
  oldEnd?: number;
  /** 1 for an exact match, less for an approximate one. */
  similarity?: number;
  /** Why it failed. */
  reason?: string;
  source: TImportSourcePlan | null;
  /** The status it will have. */
  status: TStatus;
  /** Why that differs from the file's ("Imported as In progress: Verified needs evidence"), else null. */
  statusNote: string | null;
  note: string;
  /** From the annotation the file was exported from, when it is one of this workspace (the formats do not carry it). */
  locator: string;
  /** Evidence items copied from that annotation. */
  evidenceCopied: number;
};

export type TImportCounts = Record<TImportState, number>;

export type TAnnotationImportPreview = { format: TAnnotationImportFormat; items: TImportPreviewItem[]; counts: TImportCounts };

export type TAnnotationImportResult = {
  documentId: string;
  /** Annotations placed in the text (anchored and moved). */
  created: number;
  /** Failed items kept as orphaned annotations. */
  orphaned: number;
  /** Failed items not imported, each with its reason. */
  failed: number;
  failures: { index: number; reason: string }[];
  sourcesCreated: number;
};
