import "server-only";
import { requireMember, visibleAnnotations } from "@/lib/access";
import { cpLength } from "@/lib/anchoring/code-points";
import { recordAnnotationEvent } from "@/lib/annotations/events";
import type { TAnnotation } from "@/lib/annotations/schemas";
import { liveAnnotationForWrite, lockAnnotation, readAnnotation, StaleVersion, staleVersion } from "@/lib/annotations/writes";
import { commentSelect, presentComment } from "@/lib/comments/present";
import { unreadInboxCount } from "@/lib/comments/queries";
import { sanitizeComment, type TSanitizedComment } from "@/lib/comments/sanitize";
import {
  excerpt,
  MAX_COMMENT_HTML,
  MAX_COMMENT_TEXT,
  type TComment,
  type TCreateComment,
  type TDeleteComment,
  type TEditComment,
  type TMarkRead,
  type TSetThread,
} from "@/lib/comments/schemas";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { hasRole } from "@/lib/roles";

/*
 * Comments hang off an annotation without changing it: they do not bump its version (a reviewer
 * editing the annotation is not refused because someone commented), but each create, edit and
 * delete writes one event at the annotation's current version, in the same transaction, under the
 * annotation's row lock (so the event's version is the one that stands, and a comment cannot land
 * on an annotation that is being deleted). Resolving or reopening the thread is a change of the
 * annotation and bumps its version.
 */

/** Sanitizes against the workspace's members and checks the size: 413 past the HTML cap, 422 when empty or too long. */
async function prepareBody(html: string, workspaceId: string): Promise<TSanitizedComment> {
  if (html.length > MAX_COMMENT_HTML) throw new AppError("PAYLOAD_TOO_LARGE", "This comment is too large to save");
  const members = await db().membership.findMany({ where: { workspaceId }, select: { user: { select: { id: true, name: true } } } });
  const body = sanitizeComment(html, new Map(members.map((m) => [m.user.id, m.user.name])));
  if (!body.text) throw new AppError("VALIDATION", "Write a comment first", { html: "Write a comment first" });
  const length = cpLength(body.text);
  if (length > MAX_COMMENT_TEXT) {
    const message = `At most ${MAX_COMMENT_TEXT.toLocaleString("en-GB")} characters (this has ${length.toLocaleString("en-GB")})`;
    throw new AppError("VALIDATION", message, { html: message });
  }
  return body;
}

/**
 * Makes the comment's Mention rows match the members it names now; nobody is notified of their own
 * comment, nor someone who turned mentions off (a mention they already have stays while they are named).
 */
async function syncMentions(tx: TTx, options: { commentId: string; workspaceId: string; authorId: string; mentionIds: string[] }) {
  const userIds = options.mentionIds.filter((id) => id !== options.authorId);
  await tx.mention.deleteMany({ where: { commentId: options.commentId, userId: { notIn: userIds } } });
  if (userIds.length === 0) return;
  const wanting = await tx.user.findMany({ where: { id: { in: userIds }, NOT: { notificationsOff: { has: "MENTION" } } }, select: { id: true } });
  if (wanting.length === 0) return;
  await tx.mention.createMany({
    data: wanting.map(({ id }) => ({ commentId: options.commentId, workspaceId: options.workspaceId, userId: id })),
    skipDuplicates: true,
  });
}

/** Locks the live annotation for the rest of the transaction; 404 when it was deleted meanwhile. */
async function lockLiveAnnotation(tx: TTx, annotationId: string) {
  const locked = await lockAnnotation(tx, annotationId);
  if (!locked || locked.deletedAt) throw notFound("Annotation not found");
  return locked;
}

async function readComment(commentId: string): Promise<TComment> {
  return presentComment(await db().comment.findUniqueOrThrow({ where: { id: commentId }, select: commentSelect }));
}

/** A live comment on a live, visible annotation, with the caller's membership (REVIEWER or above): 404, then 403. */
async function commentForWrite(options: { userId: string; commentId: string }) {
  const row = await db().comment.findFirst({
    where: { id: options.commentId, deletedAt: null, annotation: { deletedAt: null, ...visibleAnnotations(options.userId) } },
    select: { id: true, annotationId: true, workspaceId: true, authorId: true, version: true, html: true, text: true },
  });
  if (!row) throw notFound("Comment not found");
  const member = await requireMember({ userId: options.userId, workspaceId: row.workspaceId, role: "REVIEWER" });
  return { row, member };
}

/** The 409 for a stale comment version, with the comment as it now stands; 404 when it was deleted meanwhile. */
async function staleComment(commentId: string): Promise<AppError> {
  const current = await db().comment.findUnique({ where: { id: commentId }, select: commentSelect });
  if (!current || current.deletedAt) return notFound("This comment was deleted");
  return new AppError("CONFLICT", "This comment was changed since you opened it", undefined, { current: presentComment(current) });
}

class StaleComment extends Error {}

/**
 * Writes an edit or delete of a live comment against its version, with its one event (the text it
 * had before, and `after`) under the annotation's lock; 409 with the comment as it stands when stale.
 */
async function changeComment(options: {
  userId: string;
  row: { id: string; annotationId: string; workspaceId: string; text: string };
  version: number;
  data: { html?: string; text?: string; editedAt?: Date; deletedAt?: Date };
  mentionIds?: string[];
  type: "COMMENT_EDITED" | "COMMENT_DELETED";
  after: { commentId: string; text?: string; deleted?: true };
}): Promise<TComment> {
  const { userId, row } = options;
  try {
    await db().$transaction(async (tx) => {
      const annotation = await lockLiveAnnotation(tx, row.annotationId);
      const { count } = await tx.comment.updateMany({
        where: { id: row.id, version: options.version, deletedAt: null },
        data: { ...options.data, version: { increment: 1 } },
      });
      if (count === 0) throw new StaleComment();
      if (options.mentionIds) await syncMentions(tx, { commentId: row.id, workspaceId: row.workspaceId, authorId: userId, mentionIds: options.mentionIds });
      await recordAnnotationEvent(tx, {
        annotation,
        type: options.type,
        actorId: userId,
        version: annotation.version,
        before: { commentId: row.id, text: excerpt(row.text) },
        after: options.after,
      });
    });
  } catch (error) {
    throw error instanceof StaleComment ? await staleComment(row.id) : error;
  }
  return readComment(row.id);
}

/** Posts a comment to an annotation's thread; REVIEWER or above. Mentions of members notify them. */
export async function postComment(options: { userId: string; annotationId: string; input: TCreateComment }): Promise<TComment> {
  const { userId, annotationId } = options;
  const target = await liveAnnotationForWrite({ userId, annotationId });
  const body = await prepareBody(options.input.html, target.workspaceId);
  const id = await db().$transaction(async (tx) => {
    const annotation = await lockLiveAnnotation(tx, annotationId);
    const comment = await tx.comment.create({
      data: { workspaceId: annotation.workspaceId, annotationId, authorId: userId, html: body.html, text: body.text },
      select: { id: true },
    });
    await syncMentions(tx, { commentId: comment.id, workspaceId: annotation.workspaceId, authorId: userId, mentionIds: body.mentionIds });
    await recordAnnotationEvent(tx, {
      annotation,
      type: "COMMENTED",
      actorId: userId,
      version: annotation.version,
      before: null,
      after: { commentId: comment.id, text: excerpt(body.text) },
    });
    return comment.id;
  });
  return readComment(id);
}

/**
 * Edits one's own comment (403 for anyone else's, whatever their role) against its version: 409
 * with the comment as it stands when stale. An edit that changes nothing writes nothing.
 */
export async function editComment(options: { userId: string; commentId: string; input: TEditComment }): Promise<TComment> {
  const { userId, commentId, input } = options;
  const { row } = await commentForWrite({ userId, commentId });
  if (row.authorId !== userId) throw new AppError("FORBIDDEN", "You can edit only your own comments");
  if (row.version !== input.version) throw await staleComment(commentId);
  const body = await prepareBody(input.html, row.workspaceId);
  if (body.html === row.html) return readComment(commentId);
  return changeComment({
    userId,
    row,
    version: input.version,
    data: { html: body.html, text: body.text, editedAt: new Date() },
    mentionIds: body.mentionIds,
    type: "COMMENT_EDITED",
    after: { commentId, text: excerpt(body.text) },
  });
}

/**
 * Deletes a comment softly: it stays in the thread as "Comment deleted" and its mentions leave the
 * inbox. Authors delete their own; an EDITOR or OWNER may also delete anyone's (moderation);
 * anyone else gets 403. Checked against the comment's version (409 with it when stale).
 */
export async function deleteComment(options: { userId: string; commentId: string; input: TDeleteComment }): Promise<TComment> {
  const { userId, commentId, input } = options;
  const { row, member } = await commentForWrite({ userId, commentId });
  if (row.authorId !== userId && !hasRole(member.role, "EDITOR")) throw new AppError("FORBIDDEN", "You can delete only your own comments");
  if (row.version !== input.version) throw await staleComment(commentId);
  return changeComment({ userId, row, version: input.version, data: { deletedAt: new Date() }, type: "COMMENT_DELETED", after: { commentId, deleted: true } });
}

/**
 * Resolves or reopens an annotation's thread (REVIEWER or above) against the annotation's version:
 * 409 with the annotation as it stands when stale. Bumps the version and writes THREAD_RESOLVED
 * or THREAD_REOPENED; asking for the state it already has changes nothing.
 */
export async function setThreadResolved(options: { userId: string; annotationId: string; input: TSetThread }): Promise<TAnnotation> {
  const { userId, annotationId, input } = options;
  const row = await liveAnnotationForWrite({ userId, annotationId });
  if (row.version !== input.version) throw await staleVersion(annotationId);
  const current = await db().annotation.findUniqueOrThrow({ where: { id: annotationId }, select: { threadResolvedAt: true, version: true } });
  // Same version, same state: nothing to do (and no event for a change that did not happen).
  if (current.version === input.version && (current.threadResolvedAt !== null) === input.resolved) return readAnnotation(annotationId);
  try {
    await db().$transaction(async (tx) => {
      const { count } = await tx.annotation.updateMany({
        where: { id: annotationId, version: input.version, deletedAt: null },
        data: {
          threadResolvedAt: input.resolved ? new Date() : null,
          threadResolvedById: input.resolved ? userId : null,
          updatedById: userId,
          version: { increment: 1 },
        },
      });
      if (count === 0) throw new StaleVersion();
      await recordAnnotationEvent(tx, {
        annotation: row,
        type: input.resolved ? "THREAD_RESOLVED" : "THREAD_REOPENED",
        actorId: userId,
        version: input.version + 1,
        before: { threadResolved: !input.resolved },
        after: { threadResolved: input.resolved },
      });
    });
  } catch (error) {
    throw error instanceof StaleVersion ? await staleVersion(annotationId) : error;
  }
  return readAnnotation(annotationId);
}

/** Marks the user's own mentions read: the ones named, or all. Returns how many changed and the unread count left. */
export async function markMentionsRead(options: { userId: string; input: TMarkRead }): Promise<{ updated: number; unread: number }> {
  const { userId, input } = options;
  const where = { userId, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) };
  const now = new Date();
  const [mentions, notifications] = await db().$transaction([
    db().mention.updateMany({ where, data: { readAt: now } }),
    db().notification.updateMany({ where, data: { readAt: now } }),
  ]);
  return { updated: mentions.count + notifications.count, unread: await unreadInboxCount({ userId }) };
}

/** Opening an annotation from the inbox reads what the inbox held about it: its mentions of the user and their notifications. */
export async function markAnnotationMentionsRead(options: { userId: string; annotationId: string }): Promise<number> {
  const now = new Date();
  const [mentions, notifications] = await db().$transaction([
    db().mention.updateMany({ where: { userId: options.userId, readAt: null, comment: { annotationId: options.annotationId } }, data: { readAt: now } }),
    db().notification.updateMany({ where: { userId: options.userId, readAt: null, annotationId: options.annotationId }, data: { readAt: now } }),
  ]);
  return mentions.count + notifications.count;
}
