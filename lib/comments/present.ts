import type { TComment } from "@/lib/comments/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

export const personSelect = { id: true, name: true, email: true } as const satisfies Prisma.UserSelect;

export const commentSelect = {
  id: true,
  annotationId: true,
  html: true,
  text: true,
  version: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  author: { select: personSelect },
} as const satisfies Prisma.CommentSelect;

export type TCommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

/** A deleted comment keeps its place in the thread but not its words. */
export function presentComment(row: TCommentRow): TComment {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    annotationId: row.annotationId,
    author: { id: row.author.id, name: row.author.name, email: row.author.email },
    html: deleted ? "" : row.html,
    text: deleted ? "" : row.text,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt ? row.editedAt.toISOString() : null,
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
  };
}
