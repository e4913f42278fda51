import { z } from "zod";
import type { TPerson } from "@/lib/annotations/schemas";
import type { TInboxKind } from "@/lib/notifications/schemas";
import type { TStatus } from "@/lib/statuses";

/** The most text a comment may hold, in characters (code points) of its plain text. */
export const MAX_COMMENT_TEXT = 20_000;
/** The most HTML a client may send for one comment; more is refused (413) before it is parsed. */
export const MAX_COMMENT_HTML = 200_000;
/** Request bodies of the comment routes larger than this are refused (413) before they are read. */
export const MAX_COMMENT_BODY_BYTES = 512 * 1024;
/** The comment text an event or an inbox entry carries. */
export const EXCERPT_LENGTH = 200;

const ZVersion = z.number({ error: "Send the version you saw" }).int("Send the version you saw").positive("Send the version you saw");
// Length is checked by the mutation (413 for the HTML, 422 for the text), so the message names the real limit.
const ZHtml = z.string({ error: "Send the comment as HTML" });

/** A new comment: HTML from the editor, sanitized on the server before anything else reads it. */
export const ZCreateComment = z.strictObject({ html: ZHtml });
export type TCreateComment = z.infer<typeof ZCreateComment>;

/** An edit of one's own comment, against the comment's version. */
export const ZEditComment = z.strictObject({ version: ZVersion, html: ZHtml });
export type TEditComment = z.infer<typeof ZEditComment>;

/** A (soft) delete, against the comment's version. */
export const ZDeleteComment = z.strictObject({ version: ZVersion });
export type TDeleteComment = z.infer<typeof ZDeleteComment>;

/** Resolves or reopens an annotation's thread, against the annotation's version. */
export const ZSetThread = z.strictObject({
  version: ZVersion,
  resolved: z.boolean({ error: "Send true to resolve or false to reopen" }),
});
export type TSetThread = z.infer<typeof ZSetThread>;

/** Marks some entries of one's inbox (mentions or notifications) read, or all of them. */
export const ZMarkRead = z
  .strictObject({
    ids: z.array(z.string().min(1), { error: "Send the ids as a list" }).min(1, "Name at least one entry").max(500, "At most 500 at once").optional(),
    all: z.literal(true, { error: "Send true or leave it out" }).optional(),
  })
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), { path: ["ids"], message: "Send either ids or all: true" });
export type TMarkRead = z.infer<typeof ZMarkRead>;

/** One comment as the server returns it. A deleted one keeps its place but not its words. */
export type TComment = {
  id: string;
  annotationId: string;
  author: TPerson;
  /** Sanitized on the server before it was stored (lib/comments/sanitize.ts); "" when deleted. */
  html: string;
  text: string;
  version: number;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
};

/** An annotation's discussion: its comments oldest first and whether the thread is resolved. */
export type TThread = {
  annotationId: string;
  /** The annotation's version, which resolving or reopening is checked against. */
  annotationVersion: number;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: TPerson | null;
  comments: TComment[];
};

/**
 * One entry of the signed-in member's inbox: a mention (`kind` MENTION, with its comment) or a
 * notification of their work (a verdict awaiting their sign-off, their verdict returned, with
 * `reason`, or confirmed, an annotation assigned to them). `actor` is who did it.
 */
export type TInboxItem = {
  id: string;
  kind: TInboxKind;
  createdAt: string;
  readAt: string | null;
  actor: TPerson;
  comment: { id: string; author: TPerson; excerpt: string; createdAt: string } | null;
  reason: string | null;
  annotation: { id: string; exact: string; status: TStatus };
  document: { id: string; title: string };
};

export type TInbox = { items: TInboxItem[]; unread: number; nextCursor: string | null };

/** Where an inbox entry leads: the reading view with the annotation (and so its thread) open. */
export function mentionHref(item: Pick<TInboxItem, "annotation" | "document">): string {
  return `/documents/${encodeURIComponent(item.document.id)}?annotation=${encodeURIComponent(item.annotation.id)}`;
}

/** The first `max` characters (code points) of a text on one line, with an ellipsis when cut. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join("")}…`;
}

/** `GET /api/v1/inbox?limit=&cursor=`: a page of 1 to 100 entries (50 by default), after `cursor`. */
export const ZInboxQuery = z.strictObject({
  limit: z.coerce.number({ error: "Send a number from 1 to 100" }).int("Send a whole number").min(1, "At least 1").max(100, "At most 100").optional(),
  cursor: z.string().optional(),
});
