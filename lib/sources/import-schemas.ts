/** Input and result shapes of source import; no server imports, shared with the import form. */
import { z } from "zod";
import type { TMatchBy } from "@/lib/sources/match-keys";
import type { TInlineSource, TSource } from "@/lib/sources/schemas";

export const IMPORT_FORMATS = ["bibtex", "csl-json"] as const;
export type TImportFormat = (typeof IMPORT_FORMATS)[number];
export type TExportFormat = "csl-json" | "bibtex";

/** Larger files are refused (413) before parsing: a Zotero library of thousands of items fits. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const ZImportSources = z.strictObject({
  workspaceId: z.string({ error: "Choose a workspace" }).min(1, "Choose a workspace"),
  format: z.enum(IMPORT_FORMATS, { error: "Choose BibTeX or CSL-JSON" }),
  content: z.string({ error: "Upload a file or paste its content" }).min(1, "Upload a file or paste its content"),
  dryRun: z.boolean().optional(),
});
export type TImportSources = z.infer<typeof ZImportSources>;

/** What the import form sends: the action it calls says whether it is a preview. */
export const ZImportInput = ZImportSources.omit({ dryRun: true });

export type TImportMatch = { sourceId: string; title: string; by: TMatchBy };

/**
 * One parsed entry: `match` is the existing source it is, `duplicateOf` the index of an earlier
 * entry of the same file it repeats (imported once); neither means it will be created.
 */
export type TImportItem = { index: number; entry: TInlineSource; match: TImportMatch | null; duplicateOf: number | null };

export type TImportPreview = { items: TImportItem[]; problems: string[] };

export type TImportResult = { created: TSource[]; matched: (TImportMatch & { index: number })[]; problems: string[] };

/** The export URL's query; "csl" is the short name the download links use for CSL-JSON. */
export const ZExportQuery = z.strictObject({
  workspaceId: z.string({ error: "Choose a workspace" }).min(1, "Choose a workspace"),
  format: z
    .enum(["csl", "csl-json", "bibtex"], { error: "Use format=csl or format=bibtex" })
    .transform((f): TExportFormat => (f === "bibtex" ? "bibtex" : "csl-json")),
  documentId: z.string().min(1).optional(),
});

/**
 * The format of a file from its extension (.bib, .json), else from its first character: CSL-JSON
 * starts with [ or {, BibTeX with @ (or a comment). null when neither says.
 */
export function detectFormat(fileName: string, content: string): TImportFormat | null {
  const name = fileName.toLowerCase();
  if (/\.(bib|bibtex)$/.test(name)) return "bibtex";
  if (/\.(json|csljson)$/.test(name)) return "csl-json";
  const first = content.trimStart()[0];
  if (first === "[" || first === "{") return "csl-json";
  if (first === "@" || first === "%") return "bibtex";
  return null;
}
