import { z } from "zod";

export const SOURCE_KINDS = ["BOOK", "REPORT", "NEWS_ARTICLE", "MAGAZINE_ARTICLE", "LEGAL_DOCUMENT", "INTERVIEW_OR_STATEMENT", "SPEECH", "VIDEO", "WEBSITE", "OTHER"] as const;
export type TSourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_KIND_LABELS: Record<TSourceKind, string> = {
  BOOK: "Book",
  REPORT: "Report",
  NEWS_ARTICLE: "News article",
  MAGAZINE_ARTICLE: "Magazine article",
  LEGAL_DOCUMENT: "Legal document",
  INTERVIEW_OR_STATEMENT: "Interview or statement",
  SPEECH: "Speech",
  VIDEO: "Video",
  WEBSITE: "Website",
  OTHER: "Other",
};

/** A CSL-style name: a person (family, given) or an organisation (literal). */
export const ZAuthor = z.union([
  z.strictObject({ family: z.string().trim().min(1).max(200), given: z.string().trim().max(200).optional() }),
  z.strictObject({ literal: z.string().trim().min(1).max(300) }),
]);
export type TAuthor = z.infer<typeof ZAuthor>;

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day; "" when unknown. */
export const ZIssued = z
  .string()
  .trim()
  .refine((v) => v === "" || isPartialDate(v), { message: "Use a year (1992), a month (1992-03) or a date (1992-03-16)" });

export function isPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (month < 1 || month > 12) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ZUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), { message: "Use a full http:// or https:// address" });

const sourceFields = {
  kind: z.enum(SOURCE_KINDS, { error: "Choose a kind of source" }),
  title: z.string({ error: "Give the source a title" }).trim().min(1, "Give the source a title").max(500, "At most 500 characters"),
  authors: z.array(ZAuthor).max(50).default([]),
  containerTitle: z.string().trim().max(500).default(""),
  publisher: z.string().trim().max(300).default(""),
  issued: ZIssued.default(""),
  url: ZUrl.default(""),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  publisherPlace: z.string().trim().max(300).default(""),
  page: z.string().trim().max(100).default(""),
  isbn: z.string().trim().max(40).default(""),
  doi: z.string().trim().max(300).default(""),
  archivedUrl: ZUrl.default(""),
  language: z.string().trim().max(40).default(""),
};

export const ZCreateSource = z.strictObject({ workspaceId: z.string().min(1, "Choose a workspace"), ...sourceFields });
export type TCreateSource = z.infer<typeof ZCreateSource>;

/** A source created inline with an annotation: its workspace is the document's. */
export const ZInlineSource = z.strictObject(sourceFields);
export type TInlineSource = z.infer<typeof ZInlineSource>;

export const ZUpdateSource = z.strictObject({
  version: z.number({ error: "Send the version you edited" }).int().positive(),
  kind: sourceFields.kind.optional(),
  title: sourceFields.title.optional(),
  authors: z.array(ZAuthor).max(50).optional(),
  containerTitle: z.string().trim().max(500).optional(),
  publisher: z.string().trim().max(300).optional(),
  issued: ZIssued.optional(),
  url: ZUrl.optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  publisherPlace: z.string().trim().max(300).optional(),
  page: z.string().trim().max(100).optional(),
  isbn: z.string().trim().max(40).optional(),
  doi: z.string().trim().max(300).optional(),
  archivedUrl: ZUrl.optional(),
  language: z.string().trim().max(40).optional(),
});
export type TUpdateSource = z.infer<typeof ZUpdateSource>;

/** What the server returns of a source. */
export type TSource = {
  id: string;
  workspaceId: string;
  kind: TSourceKind;
  title: string;
  authors: TAuthor[];
  containerTitle: string;
  publisher: string;
  issued: string;
  url: string;
  aliases: string[];
  publisherPlace: string;
  page: string;
  isbn: string;
  doi: string;
  archivedUrl: string;
  language: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** Kept apart from zod (lib/sources/authors.ts); re-exported for the code that has them from here. */
export { formatAuthors, parseAuthors } from "@/lib/sources/authors";
