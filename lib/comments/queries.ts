import "server-only";
import { visibleAnnotations } from "@/lib/access";
import { commentSelect, personSelect, presentComment } from "@/lib/comments/present";
import { excerpt, type TInbox, type TThread } from "@/lib/comments/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The most comments one thread returns; a thread on one claim never comes near it. */
const MAX_THREAD = 1000;

/** The discussion of a live, visible annotation, oldest comment first; any member may read it. */
export async function getThread(options: { userId: string; annotationId: string }): Promise<TThread> {
  const annotation = await db().annotation.findFirst({
    where: { id: options.annotationId, deletedAt: null, ...visibleAnnotations(options.userId) },
    select: { id: true, version: true, threadResolvedAt: true, threadResolvedById: true },
  });
  if (!annotation) throw notFound("Annotation not found");
  const [comments, resolvedBy] = await Promise.all([
    db().comment.findMany({
      where: { annotationId: annotation.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_THREAD,
      select: commentSelect,
    }),
    annotation.threadResolvedById ? db().user.findUnique({ where: { id: annotation.threadResolvedById }, select: personSelect }) : null,
  ]);
  return {
    annotationId: annotation.id,
    annotationVersion: annotation.version,
    resolved: annotation.threadResolvedAt !== null,
    resolvedAt: annotation.threadResolvedAt ? annotation.threadResolvedAt.toISOString() : null,
    resolvedBy,
    comments: comments.map(presentComment),
  };
}

/**
 * The user's mentions that they can still see: in live comments on live annotations of documents
 * of workspaces they still belong to (a member who left loses the mentions with the workspace).
 */
function visibleMentions(userId: string): Prisma.MentionWhereInput {
  return { userId, comment: { deletedAt: null, annotation: { deletedAt: null, ...visibleAnnotations(userId) } } };
}

export async function unreadMentionCount(options: { userId: string }): Promise<number> {
  return db().mention.count({ where: { ...visibleMentions(options.userId), readAt: null } });
}

export const INBOX_PAGE = 50;

/** The user's mentions, newest first, `limit` at a time; `cursor` is the last id of the page before. */
export async function listInbox(options: { userId: string; cursor?: string; limit?: number }): Promise<TInbox> {
  const limit = Math.min(Math.max(options.limit ?? INBOX_PAGE, 1), 100);
  const [rows, unread] = await Promise.all([
    db().mention.findMany({
      where: visibleMentions(options.userId),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      // A cursor that is not one of the user's mentions simply finds nothing after it.
      ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
      take: limit + 1,
      select: {
        id: true,
        createdAt: true,
        readAt: true,
        comment: {
          select: {
            id: true,
            text: true,
            createdAt: true,
            author: { select: personSelect },
            annotation: { select: { id: true, exact: true, document: { select: { id: true, title: true } } } },
          },
        },
      },
    }),
    unreadMentionCount(options),
  ]);
  const page = rows.slice(0, limit);
  return {
    items: page.map((m) => ({
      id: m.id,
      createdAt: m.createdAt.toISOString(),
      readAt: m.readAt ? m.readAt.toISOString() : null,
      comment: { id: m.comment.id, author: m.comment.author, excerpt: excerpt(m.comment.text), createdAt: m.comment.createdAt.toISOString() },
      annotation: { id: m.comment.annotation.id, exact: m.comment.annotation.exact },
      document: m.comment.annotation.document,
    })),
    unread,
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}
