import { z } from "zod";

export const ZDocumentTitle = z.string().trim().min(1, "Give the document a title").max(300, "At most 300 characters");

export const ZCreateDocument = z.strictObject({
  workspaceId: z.string().min(1, "Choose a workspace"),
  title: ZDocumentTitle,
  text: z.string({ error: "Paste the text or upload a file" }),
});
export type TCreateDocument = z.infer<typeof ZCreateDocument>;

export const ZRenameDocument = z.strictObject({ title: ZDocumentTitle });
export const ZReadingPreference = z.strictObject({ reflow: z.boolean() });
export type TRenameDocument = z.infer<typeof ZRenameDocument>;

/** The formats a document is taken from, as the API names them. */
export const DOCUMENT_FORMATS = ["txt", "md", "html", "docx", "pdf"] as const;
export type TDocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** How people name each format, in the preview, the document page and the reports. */
export const DOCUMENT_FORMAT_LABELS: Record<TDocumentFormat, string> = { pdf: "PDF", docx: "Word document", html: "Web page", txt: "Plain text", md: "Markdown" };

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullable()
    .transform((value) => (value ? value : null));

const ZWebUrl = z
  .string()
  .trim()
  .max(2000, "At most 2,000 characters")
  .refine((value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value), "Give an http or https URL")
  .nullable()
  .transform((value) => (value ? value : null));

/** "1992", "1992-03" or "1992-03-16": as precise as the source says, and a real date. */
export const ZPartialDate = z
  .string()
  .trim()
  .refine((value) => {
    if (value === "") return true;
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
    if (!m) return false;
    const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, "Use YYYY, YYYY-MM or YYYY-MM-DD")
  .nullable()
  .transform((value) => (value ? value : null));

/** The document's own provenance; every field may be left empty. */
export const ZDocumentMetadata = z.strictObject({
  authors: z.array(z.string().trim().min(1, "An author's name is empty").max(200, "At most 200 characters")).max(50, "At most 50 authors"),
  publisher: optionalText(300),
  datePublished: ZPartialDate,
  originalUrl: ZWebUrl,
  retrievedAt: z
    .string()
    .trim()
    .refine((value) => value === "" || !Number.isNaN(Date.parse(value)), "Give a date and time, e.g. 2026-12-07T10:00:00Z")
    .nullable()
    .transform((value) => (value ? new Date(value).toISOString() : null)),
  archivedUrl: ZWebUrl,
  language: z
    .string()
    .trim()
    .refine((value) => value === "" || /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(value), "Use a language tag such as en or en-GB")
    .nullable()
    .transform((value) => (value ? value : null)),
});
export type TDocumentMetadata = z.output<typeof ZDocumentMetadata>;

/**
 * PATCH of a document: a new title, and/or metadata fields against the `metadataVersion` the editor
 * saw (409 when someone else saved in between).
 */
export const ZUpdateDocument = z
  .strictObject({
    title: ZDocumentTitle.optional(),
    metadataVersion: z.number({ error: "Send the metadataVersion you edited" }).int().positive().optional(),
    ...ZDocumentMetadata.partial().shape,
  })
  .superRefine((value, ctx) => {
    const { title, metadataVersion, ...metadata } = value;
    const changesMetadata = Object.values(metadata).some((field) => field !== undefined);
    if (changesMetadata && metadataVersion === undefined) {
      ctx.addIssue({ code: "custom", path: ["metadataVersion"], message: "Send the metadataVersion you edited" });
    }
    if (!changesMetadata && title === undefined) ctx.addIssue({ code: "custom", path: ["_"], message: "Nothing to change" });
  });
export type TUpdateDocument = z.output<typeof ZUpdateDocument>;

/** JSON import of a web page or PDF by its address. */
export const ZImportUrl = z.strictObject({
  workspaceId: z.string().min(1, "Choose a workspace"),
  url: z.string().trim().min(1, "Give the page's address").max(2000, "At most 2,000 characters"),
  title: ZDocumentTitle.optional(),
});
export type TImportUrl = z.infer<typeof ZImportUrl>;

/** `GET /api/v1/documents?workspaceId=`: only that workspace's documents; nothing else is taken. */
export const ZDocumentsQuery = z.strictObject({ workspaceId: z.string().min(1, "Give a workspace id").optional() });

/** Columns the documents list sorts by: "verified" is the share of a document's live annotations that are Verified. */
export const DOCUMENT_SORTS = ["title", "updated", "annotations", "verified"] as const;
export type TDocumentSort = (typeof DOCUMENT_SORTS)[number];

/**
 * `?q=&sort=&dir=&after=&before=` of the /documents page; bad values fall back to the defaults.
 * Every sort pages by keyset: `after`/`before` a document id (lib/documents/list-page.ts).
 */
export const ZDocumentListQuery = z.object({
  q: z.string().trim().max(300).catch("").default(""),
  sort: z.enum(DOCUMENT_SORTS).catch("updated").default("updated"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  after: z.string().max(100).optional().catch(undefined),
  before: z.string().max(100).optional().catch(undefined),
});
export type TDocumentListQuery = z.infer<typeof ZDocumentListQuery>;

/** Each sort's natural direction when none is chosen: titles A–Z, everything else most first. */
export function sortDirection(query: Pick<TDocumentListQuery, "sort" | "dir">): "asc" | "desc" {
  return query.dir ?? (query.sort === "title" ? "asc" : "desc");
}
