import "server-only";
import { visibleAnnotations } from "@/lib/access";
import { commentSelect, personSelect, presentComment } from "@/lib/comments/present";
import { excerpt, type TInbox, type TInboxItem, type TThread } from "@/lib/comments/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { unreadNotificationCount, visibleNotifications } from "@/lib/notifications/queries";

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

/** The header's count: unread mentions and unread notifications. */
export async function unreadInboxCount(options: { userId: string }): Promise<number> {
  const [mentions, notifications] = await Promise.all([unreadMentionCount(options), unreadNotificationCount(options)]);
  return mentions + notifications;
}

export const INBOX_PAGE = 50;

/** Where a page of the inbox starts: entries strictly older than this (time, then id), newest first. */
type TCursor = { at: Date; id: string };

function decodeCursor(cursor: string | undefined): TCursor | null | undefined {
  if (!cursor) return undefined;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  return match ? { at: new Date(Number(match[1])), id: match[2] } : null;
}

const encodeCursor = (item: { createdAt: Date; id: string }) => `${item.createdAt.getTime()}.${item.id}`;

function olderThan(cursor: TCursor | undefined) {
  return cursor ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] } : {};
}

const annotationSelect = { id: true, exact: true, status: true, document: { select: { id: true, title: true } } } as const;

async function mentionPage(userId: string, cursor: TCursor | undefined, take: number) {
  const rows = await db().mention.findMany({
    where: { ...visibleMentions(userId), ...olderThan(cursor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      createdAt: true,
      readAt: true,
      comment: { select: { id: true, text: true, createdAt: true, author: { select: personSelect }, annotation: { select: annotationSelect } } },
    },
  });
  return rows.map((m) => ({
    createdAt: m.createdAt,
    id: m.id,
    item: {
      id: m.id,
      kind: "MENTION",
      createdAt: m.createdAt.toISOString(),
      readAt: m.readAt ? m.readAt.toISOString() : null,
      actor: m.comment.author,
      comment: { id: m.comment.id, author: m.comment.author, excerpt: excerpt(m.comment.text), createdAt: m.comment.createdAt.toISOString() },
      reason: null,
      annotation: { id: m.comment.annotation.id, exact: m.comment.annotation.exact, status: m.comment.annotation.status },
      document: m.comment.annotation.document,
    } satisfies TInboxItem,
  }));
}

async function notificationPage(userId: string, cursor: TCursor | undefined, take: number) {
  const rows = await db().notification.findMany({
    where: { ...visibleNotifications(userId), ...olderThan(cursor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, reason: true, createdAt: true, readAt: true, actor: { select: personSelect }, annotation: { select: annotationSelect } },
  });
  return rows.map((n) => ({
    createdAt: n.createdAt,
    id: n.id,
    item: {
      id: n.id,
      kind: n.kind,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt ? n.readAt.toISOString() : null,
      actor: n.actor,
      comment: null,
      reason: n.kind === "VERDICT_RETURNED" ? n.reason : null,
      annotation: { id: n.annotation.id, exact: n.annotation.exact, status: n.annotation.status },
      document: n.annotation.document,
    } satisfies TInboxItem,
  }));
}

/**
 * The user's inbox, newest first, `limit` at a time: their mentions and their notifications, one
 * list. `cursor` is the `nextCursor` of the page before (a malformed one finds nothing).
 */
export async function listInbox(options: { userId: string; cursor?: string; limit?: number }): Promise<TInbox> {
  const limit = Math.min(Math.max(options.limit ?? INBOX_PAGE, 1), 100);
  const cursor = decodeCursor(options.cursor);
  if (cursor === null) return { items: [], unread: await unreadInboxCount(options), nextCursor: null };
  const [mentions, notifications, unread] = await Promise.all([
    mentionPage(options.userId, cursor, limit + 1),
    notificationPage(options.userId, cursor, limit + 1),
    unreadInboxCount(options),
  ]);
  const merged = [...mentions, ...notifications].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = merged.slice(0, limit);
  return { items: page.map((e) => e.item), unread, nextCursor: merged.length > limit ? encodeCursor(page[page.length - 1]) : null };
}
